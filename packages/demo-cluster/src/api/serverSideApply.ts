import { KubeObject } from './ObjectStore';
import { listMergeKey } from './patch';

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields that identify the object and are never owned. */
const UNOWNED_TOP = new Set(['apiVersion', 'kind', 'status']);
const UNOWNED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'deletionTimestamp',
]);

function keySegment(item: Record<string, any>, key: string): string {
  return `k:${JSON.stringify({ [key]: item[key] })}`;
}

/** The leaf field paths of an applied configuration, in FieldsV1 segment notation. */
export function ownedPaths(obj: unknown, prefix: string[] = []): string[][] {
  if (!isObject(obj)) return [prefix];
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (prefix.length === 0 && UNOWNED_TOP.has(key)) continue;
    if (
      prefix.length === 1 &&
      prefix[0] === 'f:metadata' &&
      UNOWNED_META.has(key)
    )
      continue;
    const here = [...prefix, `f:${key}`];
    if (Array.isArray(value)) {
      const mergeKey = listMergeKey(value);
      if (!mergeKey) {
        paths.push(here);
        continue;
      }
      for (const item of value as Record<string, any>[]) {
        const itemPath = [...here, keySegment(item, mergeKey)];
        paths.push([...itemPath, '.']);
        paths.push(...ownedPaths(item, itemPath));
      }
    } else if (isObject(value) && Object.keys(value).length > 0) {
      paths.push(...ownedPaths(value, here));
    } else {
      paths.push(here);
    }
  }
  return paths;
}

/** Builds the FieldsV1 tree of a set of paths. */
export function toFieldsV1(paths: string[][]): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      node[segment] = node[segment] ?? {};
      node = node[segment];
    }
  }
  return root;
}

/** The leaf paths of a FieldsV1 tree. */
export function fromFieldsV1(tree: unknown, prefix: string[] = []): string[][] {
  if (!isObject(tree) || Object.keys(tree).length === 0) {
    return prefix.length ? [prefix] : [];
  }
  return Object.entries(tree).flatMap(([segment, sub]) =>
    fromFieldsV1(sub, [...prefix, segment]),
  );
}

function removePath(obj: any, path: string[]): void {
  let parent: any = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i];
    const next = path[i + 1];
    let child: any;
    if (segment.startsWith('f:')) child = parent?.[segment.slice(2)];
    else if (segment.startsWith('k:')) {
      const [[key, value]] = Object.entries(JSON.parse(segment.slice(2)));
      const list: any[] = Array.isArray(parent) ? parent : [];
      const index = list.findIndex(item => item?.[key] === value);
      if (next === '.' && index >= 0) {
        list.splice(index, 1);
        return;
      }
      child = list[index];
    }
    if (child === undefined || child === null) return;
    parent = child;
  }
  const last = path[path.length - 1];
  if (last.startsWith('f:') && isObject(parent)) delete parent[last.slice(2)];
}

/** Merges an applied configuration into an object: maps deep, keyed lists item by item. */
export function applyMerge(current: unknown, applied: unknown): any {
  if (Array.isArray(applied)) {
    const key = listMergeKey(applied);
    if (!key || !Array.isArray(current) || listMergeKey(current) !== key) {
      return structuredClone(applied);
    }
    const result = current.map(i => structuredClone(i));
    for (const item of applied as Record<string, any>[]) {
      const at = result.findIndex(i => i?.[key] === item[key]);
      if (at >= 0) result[at] = applyMerge(result[at], item);
      else result.push(structuredClone(item));
    }
    return result;
  }
  if (!isObject(applied)) return structuredClone(applied);
  const result: Record<string, any> = isObject(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(applied)) {
    result[key] = applyMerge(result[key], value);
  }
  return result;
}

/**
 * Server-side apply of `applied` by `manager` onto `current` (undefined to create):
 * fields the manager applied before and no longer applies are removed unless another
 * manager owns them, the rest is merged, and the manager's `managedFields` entry is
 * rewritten. Ownership conflicts between managers are not detected.
 */
export function serverSideApply(
  current: KubeObject | undefined,
  applied: KubeObject,
  options: { manager: string; apiVersion: string; now: Date },
): KubeObject {
  const entries = (
    (current?.metadata.managedFields ?? []) as ManagedFieldsEntry[]
  ).filter(e => e && typeof e === 'object');
  const mine = entries.find(
    e => e.manager === options.manager && e.operation === 'Apply',
  );
  const others = entries.filter(e => e !== mine);
  const newPaths = ownedPaths(applied);
  const newKeys = new Set(newPaths.map(p => p.join('\u0000')));
  const otherKeys = new Set(
    others.flatMap(e => fromFieldsV1(e.fieldsV1)).map(p => p.join('\u0000')),
  );
  const base: any = structuredClone(current ?? { metadata: {} });
  if (mine) {
    for (const path of fromFieldsV1(mine.fieldsV1)) {
      const key = path.join('\u0000');
      if (!newKeys.has(key) && !otherKeys.has(key)) removePath(base, path);
    }
  }
  const { managedFields: _ignored, ...appliedMeta } = applied.metadata ?? {};
  const merged = applyMerge(base, {
    ...applied,
    metadata: appliedMeta,
  }) as KubeObject;
  merged.metadata.managedFields = [
    ...others,
    {
      manager: options.manager,
      operation: 'Apply',
      apiVersion: options.apiVersion,
      time: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(newPaths),
    },
  ];
  return merged;
}
