import { ApiError } from './ApiError';

/** One requirement of a label selector, as `k8s.io/apimachinery/pkg/labels` parses it. */
export interface LabelRequirement {
  key: string;
  operator: '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
  values: string[];
}

/** One requirement of a field selector (`=`, `==` or `!=`). */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

const KEY =
  /^([A-Za-z0-9][-A-Za-z0-9_.]*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(t => t.length > 0);
}

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key) || key.length > 317) {
    throw ApiError.badRequest(
      `unable to parse requirement: invalid label key "${key}" in labelSelector "${selector}"`,
    );
  }
  return key;
}

function checkValue(value: string, selector: string): string {
  if (!VALUE.test(value) || value.length > 63) {
    throw ApiError.badRequest(
      `unable to parse requirement: invalid label value "${value}" in labelSelector "${selector}"`,
    );
  }
  return value;
}

/**
 * Parses a `labelSelector` query parameter: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x,y)`, `a`, `!a`, `a>1`, `a<1`, comma-separated (all must hold).
 * Throws a 400 `ApiError` naming the bad term.
 */
export function parseLabelSelector(
  text: string | undefined | null,
): LabelRequirement[] {
  if (!text) return [];
  return splitTerms(text).map(term => {
    const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (setMatch) {
      const inner = setMatch[3].trim();
      // `a in ()` means the empty value, as in k8s.io/apimachinery.
      const values = inner === '' ? [''] : inner.split(',').map(v => v.trim());
      return {
        key: checkKey(setMatch[1], text),
        operator: setMatch[2] as 'in' | 'notin',
        values: values.map(v => checkValue(v, text)),
      };
    }
    if (term.startsWith('!')) {
      return {
        key: checkKey(term.slice(1).trim(), text),
        operator: '!',
        values: [],
      };
    }
    const opMatch = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(term);
    if (opMatch) {
      const [, key, op, value] = opMatch;
      if (op === '>' || op === '<') {
        if (!/^-?\d+$/.test(value.trim())) {
          throw ApiError.badRequest(
            `unable to parse requirement: for 'gt', 'lt' operators, the value must be an integer in labelSelector "${text}"`,
          );
        }
        return {
          key: checkKey(key, text),
          operator: op === '>' ? 'gt' : 'lt',
          values: [value.trim()],
        };
      }
      return {
        key: checkKey(key, text),
        operator: op === '!=' ? '!=' : '=',
        values: [checkValue(value.trim(), text)],
      };
    }
    if (/^\S+$/.test(term)) {
      return { key: checkKey(term, text), operator: 'exists', values: [] };
    }
    throw ApiError.badRequest(
      `unable to parse requirement: "${term}" in labelSelector "${text}"`,
    );
  });
}

/** True when the labels satisfy every requirement. */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const value = l[r.key];
    switch (r.operator) {
      case '=':
        return has && value === r.values[0];
      case '!=':
        return !has || value !== r.values[0];
      case 'in':
        return has && r.values.includes(value);
      case 'notin':
        return !has || !r.values.includes(value);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
        return (
          has && /^-?\d+$/.test(value) && Number(value) > Number(r.values[0])
        );
      case 'lt':
        return (
          has && /^-?\d+$/.test(value) && Number(value) < Number(r.values[0])
        );
      default:
        return false;
    }
  });
}

/** Converts a `metav1.LabelSelector` (matchLabels + matchExpressions) to requirements. */
export function requirementsFromLabelSelector(
  selector:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: {
          key: string;
          operator: string;
          values?: string[];
        }[];
      }
    | undefined,
): LabelRequirement[] {
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    reqs.push({ key, operator: '=', values: [value] });
  }
  for (const e of selector?.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In')
      reqs.push({ key: e.key, operator: 'in', values: e.values ?? [] });
    else if (op === 'NotIn')
      reqs.push({ key: e.key, operator: 'notin', values: e.values ?? [] });
    else if (op === 'Exists')
      reqs.push({ key: e.key, operator: 'exists', values: [] });
    else if (op === 'DoesNotExist')
      reqs.push({ key: e.key, operator: '!', values: [] });
    else
      throw ApiError.badRequest(
        `"${op}" is not a valid label selector operator`,
      );
  }
  return reqs;
}

/**
 * Parses a `fieldSelector` query parameter (`a=b`, `a==b`, `a!=b`, comma-separated).
 * `allowedFields` lists the fields the resource type supports besides
 * `metadata.name` and `metadata.namespace`; others fail with 400, as kube-apiserver does.
 */
export function parseFieldSelector(
  text: string | undefined | null,
  allowedFields: readonly string[] = [],
): FieldRequirement[] {
  if (!text) return [];
  return splitTerms(text).map(term => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) {
      throw ApiError.badRequest(
        `invalid selector: '${text}'; can't understand '${term}'`,
      );
    }
    const [, field, op, value] = m;
    if (
      field !== 'metadata.name' &&
      field !== 'metadata.namespace' &&
      !allowedFields.includes(field)
    ) {
      throw ApiError.badRequest(`field label not supported: ${field}`);
    }
    return { field, operator: op === '!=' ? '!=' : '=', value: value.trim() };
  });
}

function fieldValue(obj: any, field: string): string {
  if (field === 'source') {
    return String(obj?.source?.component ?? obj?.reportingComponent ?? '');
  }
  let cur = obj;
  for (const part of field.split('.')) {
    if (cur === undefined || cur === null) return '';
    cur = cur[part];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

/** True when the object satisfies every field requirement. */
export function matchesFields(
  requirements: FieldRequirement[],
  obj: unknown,
): boolean {
  return requirements.every(r => {
    const v = fieldValue(obj, r.field);
    return r.operator === '=' ? v === r.value : v !== r.value;
  });
}
