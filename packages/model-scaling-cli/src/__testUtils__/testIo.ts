import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../io';

/** An io that records output, rooted at `cwd`. */
export function testIo(
  cwd: string,
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    stdout: text => {
      out += text;
    },
    stderr: text => {
      err += text;
    },
    out: () => out,
    err: () => err,
  };
}

/** A temporary directory with the given files; remove it with the returned function. */
export async function tempDir(files: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'model-scaling-cli-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
