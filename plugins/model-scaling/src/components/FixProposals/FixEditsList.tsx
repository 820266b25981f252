import { Typography } from '@material-ui/core';
import type {
  FileEdit,
  FixIntent,
  ProposedFix,
} from '@internal/plugin-model-scaling-common';
import { fileEditInWords, planChangeInWords } from './fixInWords';

/**
 * A fix in words: the plan changes it asks for and, once the repository has
 * been read (dry run), each field it edits with its value now and after.
 */
export function FixEditsList(props: { fix: FixIntent | ProposedFix }) {
  const { fix } = props;
  const edits = 'edits' in fix ? fix.edits : undefined;
  return (
    <div aria-label={`Changes of ${fix.title}`} role="group">
      <Typography variant="subtitle2" component="p">
        {fix.title}
      </Typography>
      {edits === undefined ? (
        <ul>
          {fix.planChanges.map(change => (
            <li key={change.path.join('.')}>
              <Typography variant="body2">
                In the plan: {planChangeInWords(change)}
              </Typography>
            </li>
          ))}
        </ul>
      ) : (
        <ul>
          {edits.map(edit => (
            <li
              key={`${edit.file}:${edit.document?.kind ?? ''}/${
                edit.document?.name ?? ''
              }:${edit.path.join('.')}`}
            >
              <Typography variant="body2">
                <code>{fileEditInWords(edit)}</code>
                {edit.reason ? ` — ${edit.reason}` : ''}
              </Typography>
            </li>
          ))}
          {edits.length === 0 && (
            <li>
              <Typography variant="body2">
                No file changes: the repository already holds these values.
              </Typography>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** Edits skipped because the repository already holds their value. */
export function AlreadyApplied(props: { edits: FileEdit[] }) {
  if (props.edits.length === 0) return null;
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Already in the repository (left as they are):{' '}
      {props.edits.map(fileEditInWords).join('; ')}
    </Typography>
  );
}
