import { SlimObject } from '@internal/plugin-model-scaling-common';

/** Options of {@link createRecordCompactor}. */
export interface RecordCompactorOptions {
  /**
   * Distinct strings the string table keeps before it starts afresh (default
   * 200,000). Starting afresh only ends sharing for strings seen later; no
   * record changes.
   */
  maxStrings?: number;
}

/** Fields whose values are unique per object: never worth a table entry. */
const UNIQUE_FIELDS = new Set(['uid', 'resourceVersion', 'podIP', 'name']);

/**
 * Sub-objects that many records carry with equal content: pod templates and
 * pod specs (every pod of a ReplicaSet has the same), label and annotation
 * maps, node capacities, autoscaler specs. They are shared by content: one
 * instance per distinct value, held weakly, so an instance lives while some
 * record refers to it.
 */
const SHARED_FIELDS = new Set([
  'labels',
  'annotations',
  'spec',
  'template',
  'selector',
  'capacity',
  'allocatable',
  'taints',
  'involvedObject',
  'scaleTargetRef',
]);

/**
 * Subtrees whose objects are not shared, only their strings interned: an
 * autoscaler's manifest copy (the YAML view) is its own object's spec and
 * status, equal to no other record's, and keying its parts by content cost
 * a `JSON.stringify` of each on every status update of every HPA.
 */
const UNSHARED_SUBTREES = new Set(['manifest']);

/** Arrays whose elements are shared by content (pod and node conditions: the same type, status and time on many records). */
const SHARED_ELEMENTS = new Set(['conditions']);

/**
 * Makes a slim record take less memory without changing its value: equal
 * strings of low-cardinality fields (namespaces, label keys and values, node
 * names, images, phases, condition types) become one string, and equal
 * sub-objects of {@link SHARED_FIELDS} become one object shared by every
 * record that has it.
 *
 * Records are read-only once stored (the watch cache replaces a record on
 * every change and never mutates one), which is what makes sharing safe;
 * shared sub-objects are frozen so that a write to one fails loudly instead
 * of changing other records.
 */
export function createRecordCompactor(
  options: RecordCompactorOptions = {},
): (record: SlimObject) => SlimObject {
  const maxStrings = options.maxStrings ?? 200_000;
  let strings = new Map<string, string>();
  const shared = new Map<string, WeakRef<object>>();
  const registry = new FinalizationRegistry<string>(key => {
    const ref = shared.get(key);
    if (ref && ref.deref() === undefined) shared.delete(key);
  });

  const str = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    if (strings.size >= maxStrings) strings = new Map();
    strings.set(s, s);
    return s;
  };

  const share = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const key = JSON.stringify(value);
    const existing = shared.get(key)?.deref();
    if (existing) return existing;
    deepFreeze(value);
    shared.set(key, new WeakRef(value));
    registry.register(value, key);
    return value;
  };

  /**
   * Interns the strings of `value` in place (a fresh record owns its objects);
   * returns it. Within a subtree of {@link UNSHARED_SUBTREES} strings are
   * interned but objects not shared.
   */
  const internDeep = (
    value: unknown,
    field?: string,
    shareObjects = true,
  ): unknown => {
    if (typeof value === 'string') {
      return field !== undefined && UNIQUE_FIELDS.has(field)
        ? value
        : str(value);
    }
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      const each =
        shareObjects && field !== undefined && SHARED_ELEMENTS.has(field);
      for (let i = 0; i < value.length; i++) {
        const v = internDeep(value[i], undefined, shareObjects);
        value[i] = each ? share(v) : v;
      }
      return value;
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      const inner = shareObjects && !UNSHARED_SUBTREES.has(key);
      const interned = internDeep(v, key, inner);
      const next = inner && SHARED_FIELDS.has(key) ? share(interned) : interned;
      if (next !== v) obj[key] = next;
    }
    return obj;
  };

  return record => internDeep(record) as SlimObject;
}

function deepFreeze(value: object): void {
  if (Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) {
    if (typeof v === 'object' && v !== null) deepFreeze(v);
  }
}
