/** One requirement of a Kubernetes label selector. */
export type LabelRequirement =
  | { key: string; op: 'in'; values: string[] }
  | { key: string; op: 'notin'; values: string[] }
  | { key: string; op: 'exists' }
  | { key: string; op: 'doesnotexist' };

/** A parsed label selector; an empty one matches everything. */
export interface LabelSelector {
  requirements: LabelRequirement[];
  /** The selector as text, normalized. */
  text: string;
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Raised for a selector that Kubernetes would reject; the message says which part. */
export class LabelSelectorError extends Error {
  readonly name = 'LabelSelectorError';
}

/**
 * Parses the label selector syntax of `kubectl -l` and of the
 * `backstage.io/kubernetes-label-selector` annotation: `k=v`, `k==v`,
 * `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined by commas.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (!term) {
      if (text.trim()) throw new LabelSelectorError(`empty term in '${text}'`);
      continue;
    }
    const setMatch = term.match(/^(\S+)\s+(in|notin)\s*\((.*)\)$/);
    const equality = term.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/);
    const negation = term.match(/^!\s*(\S+)$/);
    if (setMatch) {
      const values = setMatch[3].split(',').map(v => v.trim());
      values.forEach(v => checkValue(v, term));
      requirements.push({
        key: checkKey(setMatch[1], term),
        op: setMatch[2] as 'in' | 'notin',
        values,
      });
    } else if (equality) {
      const key = checkKey(equality[1], term);
      const value = checkValue(equality[3], term);
      requirements.push(
        equality[2] === '!='
          ? { key, op: 'notin', values: [value] }
          : { key, op: 'in', values: [value] },
      );
    } else if (negation) {
      requirements.push({
        key: checkKey(negation[1], term),
        op: 'doesnotexist',
      });
    } else if (/^\S+$/.test(term)) {
      requirements.push({ key: checkKey(term, term), op: 'exists' });
    } else {
      throw new LabelSelectorError(`cannot read '${term}'`);
    }
  }
  return { requirements, text: text.trim() };
}

/** True when `labels` satisfy every requirement of the selector. */
export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'in':
        if (!has || !r.values.includes(labels[r.key])) return false;
        break;
      case 'notin':
        if (has && r.values.includes(labels[r.key])) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'doesnotexist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new LabelSelectorError(`unbalanced ')' in '${text}'`);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) throw new LabelSelectorError(`unbalanced '(' in '${text}'`);
  parts.push(current);
  return parts;
}

function checkKey(key: string, term: string): string {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  if (!KEY.test(key) || name.length > 63) {
    throw new LabelSelectorError(`invalid label key '${key}' in '${term}'`);
  }
  return key;
}

function checkValue(value: string, term: string): string {
  if (!VALUE.test(value) || value.length > 63) {
    throw new LabelSelectorError(`invalid label value '${value}' in '${term}'`);
  }
  return value;
}
