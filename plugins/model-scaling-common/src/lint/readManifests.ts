import { LineCounter, parseAllDocuments } from 'yaml';
import type { Finding, SlimObject, TritonModelConfig } from '../types/status';
import { SLIM_KINDS, toSlimObject } from '../slim';
import { parseTritonConfig } from '../triton/parseTritonConfig';

/** A file of a model service repository, as text. */
export interface ManifestFile {
  path: string;
  content: string;
}

/** A raw Kubernetes object read from a manifest, with where it came from. */
export interface ManifestObject {
  raw: Record<string, unknown>;
  kind: string;
  apiVersion: string;
  name: string;
  path: string;
  /** 1-based line of the document's first line. */
  line: number;
}

/** A Triton model config read from `.../<model>/config.pbtxt`. */
export interface ManifestTritonConfig {
  /** The config's `name`, else its directory's name. */
  model: string;
  path: string;
  config: TritonModelConfig;
}

/** Everything read from a set of files, plus findings for what could not be read. */
export interface ReadManifestsResult {
  objects: ManifestObject[];
  slim: SlimObject[];
  tritonConfigs: ManifestTritonConfig[];
  findings: Finding[];
}

/** The cluster name slim records of manifests carry. */
export const MANIFEST_CLUSTER = 'manifests';

function isYaml(path: string) {
  return /\.ya?ml$/i.test(path);
}

function isTritonConfig(path: string) {
  return /(^|\/)config\.pbtxt$/.test(path);
}

function parseError(path: string, message: string): Finding {
  return {
    id: 'manifest-parse-error',
    severity: 'error',
    title: `${path} cannot be read`,
    evidence: message,
    fix: 'Fix the syntax so kubectl (or Triton) can read the file.',
    subject: path,
  };
}

function invalidObject(
  path: string,
  line: number,
  what: string,
  message: string,
): Finding {
  return {
    id: 'manifest-invalid-object',
    severity: 'error',
    title: `${what} in ${path} is not a valid object`,
    evidence: `${path} line ${line}: ${message}`,
    fix: 'Correct the field so the API server accepts the object.',
    subject: what,
  };
}

function readYaml(file: ManifestFile, out: ReadManifestsResult) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(file.content, { lineCounter });
  if (!Array.isArray(docs)) {
    // An empty stream parses to an EmptyStream.
    return;
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const { line, col } = lineCounter.linePos(e.pos[0]);
      out.findings.push(
        parseError(
          file.path,
          `line ${line}, column ${col}: ${e.message.split('\n')[0]}`,
        ),
      );
      continue;
    }
    const value = doc.toJS();
    const line = doc.contents
      ? lineCounter.linePos(doc.contents.range[0]).line
      : 1;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.findings.push(
        parseError(
          file.path,
          `line ${line}: a manifest document must be a mapping`,
        ),
      );
      continue;
    }
    const items: Record<string, unknown>[] =
      value.kind === 'List' && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const raw of items) {
      const kind = typeof raw.kind === 'string' ? raw.kind : '';
      const apiVersion =
        typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
      const meta = (raw.metadata ?? {}) as Record<string, unknown>;
      const name = typeof meta.name === 'string' ? meta.name : '';
      if (!kind || !apiVersion) {
        out.findings.push(
          invalidObject(
            file.path,
            line,
            name || 'A document',
            'kind and apiVersion are required',
          ),
        );
        continue;
      }
      out.objects.push({ raw, kind, apiVersion, name, path: file.path, line });
      if ((SLIM_KINDS as readonly string[]).includes(kind)) {
        try {
          const slim = toSlimObject(kind, raw, MANIFEST_CLUSTER);
          if (slim) out.slim.push(slim);
        } catch (e) {
          out.findings.push(
            invalidObject(
              file.path,
              line,
              `${kind}/${name || '?'}`,
              (e as Error).message,
            ),
          );
        }
      }
    }
  }
}

/**
 * Reads the YAML manifests (multi-document, `List` too) and Triton
 * `config.pbtxt` files of a model service repository. Other files are
 * ignored. What cannot be read becomes a `manifest-parse-error` or
 * `manifest-invalid-object` finding naming the file and line.
 */
export function readManifests(
  files: readonly ManifestFile[],
): ReadManifestsResult {
  const out: ReadManifestsResult = {
    objects: [],
    slim: [],
    tritonConfigs: [],
    findings: [],
  };
  for (const file of files) {
    if (isYaml(file.path)) {
      readYaml(file, out);
    } else if (isTritonConfig(file.path)) {
      try {
        const config = parseTritonConfig(file.content, { source: file.path });
        const dir = file.path.split('/').slice(-2, -1)[0];
        out.tritonConfigs.push({
          model: config.name ?? dir ?? 'model',
          path: file.path,
          config,
        });
      } catch (e) {
        out.findings.push(parseError(file.path, (e as Error).message));
      }
    }
  }
  return out;
}
