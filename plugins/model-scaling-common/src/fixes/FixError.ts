import { InputError } from '@backstage/errors';
import { formatPath } from './diffValues';
import type { FixConflict, FixErrorCode, FixErrorDetails } from './types';

function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/** `file` › `Kind/name` › `a.b[0]` */
export function describeFixLocation(
  c: Pick<FixConflict, 'file' | 'document' | 'path'>,
): string {
  const doc = c.document ? ` ${c.document.kind}/${c.document.name}` : '';
  const path = formatPath(c.path);
  return `${c.file}${doc} ${path || '(document)'}`;
}

/** One conflict in words: where, what the fix expected, what the repository holds. */
export function describeFixConflict(c: FixConflict): string {
  return `${describeFixLocation(c)}: expected ${show(c.expected)}, found ${show(
    c.actual,
  )}`;
}

/**
 * Why a fix cannot be proposed, with a code a caller can branch on. An
 * `InputError` (400): the request or the repository is not what the fix
 * needs; nothing was written.
 */
export class FixError extends InputError {
  readonly code: FixErrorCode;
  readonly file?: string;
  readonly conflicts?: FixConflict[];

  constructor(details: Omit<FixErrorDetails, 'message'> & { message: string }) {
    super(details.message);
    this.code = details.code;
    this.file = details.file;
    this.conflicts = details.conflicts;
  }

  /** A conflict error naming every field whose value changed since the fix was computed. */
  static conflict(conflicts: FixConflict[]): FixError {
    return new FixError({
      code: 'conflict',
      message: `The repository changed since the fix was computed; nothing was written. ${conflicts
        .map(describeFixConflict)
        .join('; ')}`,
      file: conflicts[0]?.file,
      conflicts,
    });
  }

  /** Plain data for action output and HTTP bodies. */
  toDetails(): FixErrorDetails {
    return {
      code: this.code,
      message: this.message,
      ...(this.file ? { file: this.file } : {}),
      ...(this.conflicts ? { conflicts: this.conflicts } : {}),
    };
  }
}
