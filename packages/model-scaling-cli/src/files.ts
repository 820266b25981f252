import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CliError } from './CliError';

/** A file to lint: its path as shown in findings and its text. */
export interface InputFile {
  path: string;
  content: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'dist-types']);

function isLintable(path: string): boolean {
  return /\.ya?ml$/i.test(path) || /(^|[\\/])config\.pbtxt$/.test(path);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...(await walk(path)));
    } else if (entry.isFile() && isLintable(path)) {
      out.push(path);
    }
  }
  return out;
}

/**
 * Reads the YAML manifests and `config.pbtxt` files of directories (walked
 * recursively, skipping node_modules and .git) and of files named directly.
 * Paths in the result are relative to `base`, with `/` separators.
 */
export async function collectFiles(
  targets: string[],
  base: string,
): Promise<InputFile[]> {
  const paths: string[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch {
      throw new CliError(
        `${relative(base, target) || target}: no such file or directory`,
      );
    }
    if (info.isDirectory()) {
      paths.push(...(await walk(target)));
    } else {
      paths.push(target);
    }
  }
  const unique = [...new Set(paths)];
  return Promise.all(
    unique.map(async path => ({
      path: relative(base, path).split(sep).join('/') || path,
      content: await readFile(path, 'utf8'),
    })),
  );
}
