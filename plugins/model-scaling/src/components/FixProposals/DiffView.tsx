import { makeStyles } from '@material-ui/core';
import { fade } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    padding: theme.spacing(1, 0),
    maxHeight: 420,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: theme.typography.pxToRem(13),
    lineHeight: 1.5,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    color: theme.palette.text.primary,
  },
  line: { display: 'block', padding: theme.spacing(0, 1.5), whiteSpace: 'pre' },
  added: {
    backgroundColor: fade(theme.palette.success.main, 0.18),
  },
  removed: {
    backgroundColor: fade(theme.palette.error.main, 0.18),
  },
  hunk: { color: theme.palette.text.secondary },
  file: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * A unified diff, one line per row, additions and removals marked by
 * colour and by their `+`/`-` (so the meaning never rests on colour alone).
 * Rendered as plain text: no lazy highlighter, nothing to wait for.
 */
export function DiffView(props: { diff: string; label?: string }) {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  // Focusable, so a long diff that scrolls can be scrolled with the keyboard.
  return (
    <pre
      className={classes.pre}
      aria-label={props.label ?? 'Unified diff'}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      <code>
        {lines.map((line, index) => {
          let kind = '';
          if (line.startsWith('+++') || line.startsWith('---')) {
            kind = classes.file;
          } else if (line.startsWith('+')) {
            kind = classes.added;
          } else if (line.startsWith('-')) {
            kind = classes.removed;
          } else if (line.startsWith('@@')) {
            kind = classes.hunk;
          }
          return (
            <span key={index} className={`${classes.line} ${kind}`}>
              {line}
              {'\n'}
            </span>
          );
        })}
      </code>
    </pre>
  );
}
