// long-file: a structural config.pbtxt editor that keeps comments and order: tokenizer, locator and writer together.
import type { FixPath } from '../types';
import {
  parsePbtxt,
  PbtxtField,
  PbtxtMessage,
  PbtxtPlain,
  PbtxtScalar,
  pbtxtToPlain,
} from './parsePbtxt';

/** An edit the text-format editor cannot make (e.g. a path through a scalar). */
export class PbtxtEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PbtxtEditError';
  }
}

/** The plain value at `path` (see `plainFields`), or `undefined` when absent. */
export function getPbtxtValue(
  text: string,
  path: FixPath,
): PbtxtPlain | undefined {
  let node: PbtxtPlain | undefined = pbtxtToPlain(text);
  for (const key of path) {
    if (node === undefined || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      node = typeof key === 'number' ? node[key] : undefined;
    } else {
      node = typeof key === 'string' ? node[key] : undefined;
    }
  }
  return node;
}

const ENUM_LIKE = /^(?:[A-Z][A-Z0-9_]*|true|false)$/;

function quote(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

function formatScalar(value: unknown, kind?: PbtxtScalar['kind']): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new PbtxtEditError(`${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    if (
      kind === 'identifier' ||
      (kind === undefined && ENUM_LIKE.test(value))
    ) {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(value)) {
        throw new PbtxtEditError(`"${value}" is not an identifier`);
      }
      return value;
    }
    return quote(value);
  }
  throw new PbtxtEditError(
    `cannot write ${JSON.stringify(value)} as a text-format scalar`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `name: value`, `name { ... }` or `name [ ... ]` at an indentation. */
function formatField(name: string, value: unknown, indent: string): string {
  return `${name}${isObject(value) ? ' ' : ': '}${formatValue(value, indent)}`;
}

function formatValue(
  value: unknown,
  indent: string,
  kind?: PbtxtScalar['kind'],
): string {
  if (isObject(value)) {
    const inner = `${indent}  `;
    const body = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${inner}${formatField(k, v, inner)}\n`)
      .join('');
    return `{\n${body}${indent}}`;
  }
  if (Array.isArray(value)) {
    if (value.some(isObject)) {
      const inner = `${indent}  `;
      return `[\n${value
        .map(v => `${inner}${formatValue(v, inner)}`)
        .join(',\n')}\n${indent}]`;
    }
    return `[ ${value.map(v => formatScalar(v)).join(', ')} ]`;
  }
  return formatScalar(value, kind);
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function indentAt(text: string, at: number): string {
  const start = lineStart(text, at);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Where the rest of the line after `at` holds only spaces and a comment, the offset of its newline (or the end). */
function endOfQuietLine(text: string, at: number): number | undefined {
  const nl = text.indexOf('\n', at);
  const end = nl === -1 ? text.length : nl;
  return /^[ \t\r]*(#.*)?$/.test(text.slice(at, end)) ? end : undefined;
}

interface Container {
  fields: PbtxtField[];
  /** Offset to insert after when there are no fields; `undefined` = end of text (top level). */
  bodyStart?: number;
  indent: string;
}

function insertField(
  text: string,
  c: Container,
  name: string,
  value: unknown,
): string {
  const last = c.fields[c.fields.length - 1];
  if (!last) {
    if (c.bodyStart === undefined) {
      const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
      return `${text}${sep}${formatField(name, value, c.indent)}\n`;
    }
    const at = c.bodyStart;
    const closeIndent = c.indent.slice(2);
    return `${text.slice(0, at)}\n${c.indent}${formatField(
      name,
      value,
      c.indent,
    )}\n${closeIndent}${text.slice(at).replace(/^[ \t]*/, '')}`;
  }
  const indent = indentAt(text, last.start);
  const quiet = endOfQuietLine(text, last.end);
  if (quiet !== undefined) {
    return `${text.slice(0, quiet)}\n${indent}${formatField(
      name,
      value,
      indent,
    )}${text.slice(quiet)}`;
  }
  return `${text.slice(0, last.end)} ${formatField(
    name,
    value,
    indent,
  )}${text.slice(last.end)}`;
}

function removeSpan(text: string, start: number, end: number): string {
  const ls = lineStart(text, start);
  const quiet = endOfQuietLine(text, end);
  if (/^[ \t]*$/.test(text.slice(ls, start)) && quiet !== undefined) {
    const to = quiet < text.length ? quiet + 1 : quiet;
    return text.slice(0, ls) + text.slice(to);
  }
  const from = text[start - 1] === ' ' ? start - 1 : start;
  return text.slice(0, from) + text.slice(end);
}

function removeFields(text: string, fields: PbtxtField[]): string {
  // From the end, so earlier offsets stay valid.
  let out = text;
  for (const f of [...fields].sort((a, b) => b.start - a.start)) {
    out = removeSpan(out, f.start, f.end);
  }
  return out;
}

function nestedValue(path: FixPath, to: unknown): unknown {
  return path.reduceRight<unknown>((acc, key) => {
    if (typeof key === 'number') {
      throw new PbtxtEditError(
        'cannot create a list element that does not exist',
      );
    }
    return { [key]: acc };
  }, to);
}

function elementsOf(occurrences: PbtxtField[]): (PbtxtScalar | PbtxtMessage)[] {
  return occurrences.flatMap(f =>
    f.value.type === 'list' ? f.value.items : [f.value],
  );
}

function setIn(text: string, c: Container, path: FixPath, to: unknown): string {
  const [key, ...rest] = path;
  if (typeof key !== 'string') {
    throw new PbtxtEditError(`expected a field name, found index ${key}`);
  }
  const occurrences = c.fields.filter(f => f.name === key);
  if (rest.length === 0) {
    if (to === undefined) return removeFields(text, occurrences);
    if (occurrences.length === 0) return insertField(text, c, key, to);
    const [first, ...others] = occurrences;
    const v = first.value;
    const indent = indentAt(text, first.start);
    const kind = v.type === 'scalar' ? v.kind : undefined;
    if (isObject(to) && v.type === 'message') {
      // Field by field, so comments inside the message stay.
      let out = text;
      const keys = new Set([...Object.keys(to), ...Object.keys(plainOf(v))]);
      for (const k of [...keys].reverse()) {
        const msg = messageAt(out, first.start);
        out = setIn(out, containerOf(out, msg), [k], to[k]);
      }
      return removeFields(out, others);
    }
    if (isObject(to)) {
      const field = formatField(key, to, indent);
      const out = `${text.slice(0, first.start)}${field}${text.slice(
        first.end,
      )}`;
      return removeFields(out, others);
    }
    const replacement = formatValue(to, indent, kind);
    const colonFix = v.type === 'message' ? `${key}: ` : undefined;
    const out = colonFix
      ? `${text.slice(0, first.start)}${colonFix}${replacement}${text.slice(
          v.end,
        )}`
      : `${text.slice(0, v.start)}${replacement}${text.slice(v.end)}`;
    return removeFields(out, others);
  }

  const [next, ...after] = rest;
  if (typeof next === 'number') {
    const element = elementsOf(occurrences)[next];
    if (!element) {
      throw new PbtxtEditError(`${key}[${next}] does not exist`);
    }
    if (after.length === 0) {
      if (to === undefined)
        throw new PbtxtEditError('removing a list element is not supported');
      return `${text.slice(0, element.start)}${formatValue(
        to,
        indentAt(text, element.start),
        element.type === 'scalar' ? element.kind : undefined,
      )}${text.slice(element.end)}`;
    }
    if (element.type !== 'message') {
      throw new PbtxtEditError(`${key}[${next}] is not a message`);
    }
    return setIn(text, containerOf(text, element), after, to);
  }
  if (occurrences.length === 0) {
    if (to === undefined) return text;
    return insertField(text, c, key, nestedValue(rest, to));
  }
  const target = occurrences[0].value;
  if (occurrences.length > 1 || target.type !== 'message') {
    throw new PbtxtEditError(`${key} is not a single message`);
  }
  return setIn(text, containerOf(text, target), rest, to);
}

function plainOf(m: PbtxtMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of m.fields) out[f.name] = true;
  return out;
}

function containerOf(text: string, m: PbtxtMessage): Container {
  const first = m.fields[0];
  const indent = first
    ? indentAt(text, first.start)
    : `${indentAt(text, m.start)}  `;
  return { fields: m.fields, bodyStart: m.bodyStart, indent };
}

function findMessage(
  fields: PbtxtField[],
  start: number,
): PbtxtMessage | undefined {
  for (const f of fields) {
    if (f.start === start && f.value.type === 'message') return f.value;
    const values = f.value.type === 'list' ? f.value.items : [f.value];
    for (const v of values) {
      if (v.type === 'message' && v.start <= start && start < v.end) {
        const found = findMessage(v.fields, start);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function messageAt(text: string, fieldStart: number): PbtxtMessage {
  const found = findMessage(parsePbtxt(text).fields, fieldStart);
  if (!found) throw new PbtxtEditError('message moved while editing');
  return found;
}

/**
 * Sets (or, with `to` undefined, removes) the field at `path` of a
 * `config.pbtxt` and returns the new text. Only that field's text changes:
 * comments, order, spacing and every other field stay byte for byte. A
 * missing field is added at the end of its message with the indentation of
 * its siblings; a missing message is created. Scalars keep how they were
 * written (quoted string or bare identifier).
 */
export function setPbtxtValue(
  text: string,
  path: FixPath,
  to: unknown,
): string {
  if (path.length === 0) throw new PbtxtEditError('an edit needs a field path');
  const doc = parsePbtxt(text);
  const out = setIn(text, { fields: doc.fields, indent: '' }, path, to);
  parsePbtxt(out); // what we wrote must read back
  return out;
}

const LEADING_COMMENT = /^(?:[ \t]*#[^\n]*\n)*/;

/** The `#` lines on top of a file (before the first field), or `undefined` when there are none. */
export function getPbtxtLeadingComment(text: string): string | undefined {
  const block = LEADING_COMMENT.exec(text)![0];
  return block === '' ? undefined : block;
}

/** Replaces the `#` lines on top of a file (`comment` holds whole lines with their `#`). */
export function setPbtxtLeadingComment(
  text: string,
  comment: string | undefined,
): string {
  const block = LEADING_COMMENT.exec(text)![0];
  return `${comment ?? ''}${text.slice(block.length)}`;
}
