/*
 * Applying manifest files to the real API server in the cluster tests: a file the API server
 * rejects fails the test with the file's name and the server's reason.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { ClusterEnv, kubectlRaw, repoRoot } from './clusterEnv';

/** The error for a manifest file the API server refused. */
export class ManifestRejectedError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`the API server rejected ${file}: ${reason}`);
    this.name = 'ManifestRejectedError';
  }
}

/** Server-side applies one file (field manager `model-scaling-cluster-tests`). */
export async function applyManifestFile(
  env: ClusterEnv,
  file: string,
): Promise<string> {
  const r = await kubectlRaw(env, [
    'apply',
    '--server-side',
    '--force-conflicts',
    '--field-manager',
    'model-scaling-cluster-tests',
    '-f',
    file,
  ]);
  if (r.code !== 0) {
    const shown = file.startsWith(`${repoRoot}/`)
      ? file.slice(repoRoot.length + 1)
      : file;
    throw new ManifestRejectedError(shown, r.stderr.trim());
  }
  return r.stdout;
}

/** Writes objects as one multi-document YAML file and applies it. */
export async function applyObjects(
  env: ClusterEnv,
  file: string,
  objects: object[],
): Promise<string> {
  await writeFile(file, objects.map(o => stringify(o)).join('---\n'), 'utf8');
  return applyManifestFile(env, file);
}
