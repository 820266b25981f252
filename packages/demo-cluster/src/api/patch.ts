import { ApiError } from './ApiError';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch (`application/merge-patch+json`). */
export function mergePatch(target: unknown, patch: unknown): any {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** The merge key of a list of objects, as strategic merge and server-side apply use it. */
export function listMergeKey(items: unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isObject)) return undefined;
  const objs = items as JsonObject[];
  for (const key of ['name', 'containerPort', 'mountPath', 'devicePath']) {
    if (objs.every(i => i[key] !== undefined)) return key;
  }
  if (objs.every(i => i.port !== undefined && i.type === undefined))
    return 'port';
  return undefined;
}

/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), approximated: maps
 * merge like a merge patch, lists of objects with a merge key (`name`, `containerPort`,
 * `port`, `mountPath`) merge item by item, other lists are replaced.
 */
export function strategicMergePatch(target: unknown, patch: unknown): any {
  if (Array.isArray(patch) && Array.isArray(target)) {
    const key = listMergeKey(patch) ?? undefined;
    if (key && listMergeKey(target) === key) {
      const result = target.map(item => structuredClone(item));
      for (const p of patch as JsonObject[]) {
        if (p.$patch === 'delete') {
          const at = result.findIndex(i => (i as JsonObject)[key] === p[key]);
          if (at >= 0) result.splice(at, 1);
          continue;
        }
        const at = result.findIndex(i => (i as JsonObject)[key] === p[key]);
        if (at >= 0) result[at] = strategicMergePatch(result[at], p);
        else result.push(structuredClone(p));
      }
      return result;
    }
    return structuredClone(patch);
  }
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else result[key] = strategicMergePatch(result[key], value);
  }
  return result;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw ApiError.badRequest(`invalid JSON pointer "${pointer}"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(
  doc: any,
  path: string[],
  op: string,
): { parent: any; last: string } {
  let cur = doc;
  for (const part of path.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(part)] : cur?.[part];
    if (cur === undefined || cur === null || typeof cur !== 'object') {
      throw ApiError.badRequest(
        `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: /${path.join(
          '/',
        )}`,
      );
    }
  }
  return { parent: cur, last: path[path.length - 1] };
}

function getAt(doc: any, path: string[]): any {
  let cur = doc;
  for (const part of path) {
    cur = Array.isArray(cur) ? cur[Number(part)] : cur?.[part];
  }
  return cur;
}

type PatchOp = { op?: string; path?: string; value?: unknown; from?: string };

function addAt(doc: any, p: string[], value: unknown, op: string): any {
  if (p.length === 0) return structuredClone(value);
  const { parent, last } = parentOf(doc, p, op);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    parent.splice(index, 0, structuredClone(value));
  } else {
    parent[last] = structuredClone(value);
  }
  return doc;
}

function removeAt(doc: any, p: string[], op: string): void {
  const { parent, last } = parentOf(doc, p, op);
  if (Array.isArray(parent)) {
    parent.splice(Number(last), 1);
    return;
  }
  if (!(last in parent)) {
    throw ApiError.badRequest(
      `the server rejected our request due to an error in our request: remove operation does not apply: doc is missing key: /${p.join(
        '/',
      )}`,
    );
  }
  delete parent[last];
}

function applyOperation(doc: any, op: PatchOp): any {
  const path = decodePointer(op.path!);
  switch (op.op) {
    case 'add':
      return addAt(doc, path, op.value, 'add');
    case 'remove':
      removeAt(doc, path, 'remove');
      return doc;
    case 'replace': {
      if (path.length === 0) return structuredClone(op.value);
      const { parent, last } = parentOf(doc, path, 'replace');
      parent[last] = structuredClone(op.value);
      return doc;
    }
    case 'move': {
      const from = decodePointer(op.from ?? '');
      const value = getAt(doc, from);
      removeAt(doc, from, 'move');
      return addAt(doc, path, value, 'move');
    }
    case 'copy':
      return addAt(doc, path, getAt(doc, decodePointer(op.from ?? '')), 'copy');
    case 'test':
      if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(op.value)) {
        throw new ApiError(
          422,
          'Invalid',
          `testing value /${path.join('/')} failed`,
        );
      }
      return doc;
    default:
      throw ApiError.badRequest(`unknown JSON patch operation "${op.op}"`);
  }
}

/** RFC 6902 JSON patch (`application/json-patch+json`). */
export function jsonPatch(target: unknown, operations: unknown): any {
  if (!Array.isArray(operations)) {
    throw ApiError.badRequest('a JSON patch must be an array of operations');
  }
  let doc: any = structuredClone(target);
  for (const raw of operations) {
    const op = raw as PatchOp;
    if (!op || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw ApiError.badRequest(
        'each JSON patch operation needs "op" and "path"',
      );
    }
    doc = applyOperation(doc, op);
  }
  return doc;
}
