import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../services/ManifestApplier';

/** A manifest object and where it was read from. */
export interface ManifestDocument {
  /** Path relative to the workspace. */
  file: string;
  /** 0-based index of the YAML document in the file. */
  index: number;
  object: ManifestObject;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFiles(path)));
    } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

function checkObject(
  value: unknown,
  where: string,
): asserts value is ManifestObject {
  const object = value as Partial<ManifestObject> | null;
  if (!object || typeof object !== 'object' || Array.isArray(object)) {
    throw new InputError(`${where} is not a Kubernetes object`);
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || !object[field]) {
      throw new InputError(`${where} has no ${field}`);
    }
  }
  if (typeof object.metadata?.name !== 'string' || !object.metadata.name) {
    throw new InputError(`${where} has no metadata.name`);
  }
}

/**
 * Reads Kubernetes objects from files or directories of the workspace (YAML,
 * multi-document YAML, JSON, `kind: List`). Paths may not leave the workspace.
 */
export async function readManifests(
  workspacePath: string,
  paths: string[],
): Promise<ManifestDocument[]> {
  const files: string[] = [];
  for (const path of paths) {
    let absolute: string;
    try {
      absolute = resolveSafeChildPath(workspacePath, path);
    } catch {
      throw new InputError(
        `manifests: "${path}" is outside the task workspace`,
      );
    }
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      throw new InputError(
        `manifests: "${path}" does not exist in the task workspace`,
      );
    }
    files.push(
      ...(info.isDirectory() ? await listFiles(absolute) : [absolute]),
    );
  }

  const documents: ManifestDocument[] = [];
  for (const absolute of files) {
    const file = relative(workspacePath, absolute);
    const text = await readFile(absolute, 'utf8');
    const parsed = parseAllDocuments(text);
    const docs = Array.isArray(parsed) ? parsed : [parsed];
    docs.forEach((doc, index) => {
      if (doc.errors.length) {
        throw new InputError(
          `${file} document ${index + 1} is not valid YAML: ${
            doc.errors[0].message
          }`,
        );
      }
      const value = doc.toJS();
      if (value === null || value === undefined) {
        return; // an empty document, e.g. after a trailing `---`
      }
      const where = `${file} document ${index + 1}`;
      if (value.kind === 'List' && Array.isArray(value.items)) {
        value.items.forEach((item: unknown, i: number) => {
          checkObject(item, `${where} item ${i + 1}`);
          documents.push({ file, index, object: item });
        });
        return;
      }
      checkObject(value, where);
      documents.push({ file, index, object: value });
    });
  }
  if (documents.length === 0) {
    throw new InputError(
      `manifests: no Kubernetes objects found in ${paths.join(', ')}`,
    );
  }
  return documents;
}
