import {
  FileEdit,
  FixPath,
  PlanFieldChange,
  describeFixLocation,
} from '@internal/plugin-model-scaling-common';

/** A value as a reader sees it in a file: `absent` for a missing field. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function dotted(path: FixPath): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

/** One plan change in words: `plan field autoscaling.minReplicas → 2` (or `removed`). */
export function planChangeInWords(change: PlanFieldChange): string {
  return change.to === undefined
    ? `remove ${dotted(change.path)}`
    : `set ${dotted(change.path)} to ${showValue(change.to)}`;
}

/** One file edit in words: where, from what to what. */
export function fileEditInWords(edit: FileEdit): string {
  const location = describeFixLocation(edit);
  if (edit.to === undefined) {
    return `${location}: remove (now ${showValue(edit.from)})`;
  }
  if (edit.from === undefined) {
    return `${location}: add ${showValue(edit.to)}`;
  }
  return `${location}: ${showValue(edit.from)} → ${showValue(edit.to)}`;
}

/** The short form of a commit id, as git shows it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}
