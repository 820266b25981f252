import { makeStyles } from '@material-ui/core';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    overflowX: 'auto',
    maxWidth: '100%',
    // Header and cell words never break mid-word; a table too wide for its
    // card scrolls inside it instead of overflowing.
    '& th, & td': { whiteSpace: 'nowrap' },
    // Sentences wrap between words.
    '& [data-wrap="words"]': { whiteSpace: 'normal', minWidth: 200 },
    // Queries and other long tokens may wrap anywhere, in monospace.
    '& [data-wrap="anywhere"]': {
      whiteSpace: 'normal',
      wordBreak: 'break-all',
      minWidth: 160,
    },
  },
});

/** A table container that keeps words whole and scrolls sideways when the table is wider than its card. */
export function ScrollableTable(props: { children: ReactNode }) {
  const classes = useStyles();
  // Focusable, so a table that scrolls sideways can be scrolled with the keyboard.
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className={classes.root} tabIndex={0}>
      {props.children}
    </div>
  );
}
