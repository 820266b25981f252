import { resolve } from 'node:path';

/** Where a command writes and how it resolves relative paths; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

/**
 * The process's streams. Under `yarn model-scaling`, yarn runs the script in
 * the repository root and keeps the caller's directory in `INIT_CWD`.
 */
export function processIo(): CliIo {
  return {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
}

/** Resolves a path argument against the caller's directory. */
export function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}
