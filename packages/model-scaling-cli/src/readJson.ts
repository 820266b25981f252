import { readFile } from 'node:fs/promises';
import { CliError } from './CliError';

/** Reads a JSON file; a missing file or broken JSON is a {@link CliError} naming the file. */
export async function readJsonFile(
  path: string,
  what: string,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`${what} ${path}: no such file`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(
      `${what} ${path} is not valid JSON: ${(e as Error).message}`,
    );
  }
}
