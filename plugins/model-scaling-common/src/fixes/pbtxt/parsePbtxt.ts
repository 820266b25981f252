/*
 * A structural reader of the protobuf text format as Triton's config.pbtxt
 * uses it, keeping the source offsets of every field so edits replace or
 * insert exactly the text of one field and leave everything else — comments,
 * order, spacing — byte for byte. No maintained npm library reads the text
 * format with positions and comments (protobufjs and @bufbuild/protobuf
 * parse the binary and JSON forms; the text-format readers drop comments),
 * so this one is small and covered by property tests.
 *
 * Grammar (as protobuf's text_format.cc `ParseField` accepts it for these
 * files): field := name [':'] (scalar | list | message) [',' | ';'];
 * list := '[' [ (scalar | message) (',' (scalar | message))* ] ']';
 * message := '{' field* '}' | '<' field* '>'.
 */

/** A scalar as written: `kind` keeps how to write it back. */
export interface PbtxtScalar {
  type: 'scalar';
  kind: 'number' | 'string' | 'identifier';
  /** The value: a number, the unescaped string, or the identifier text. */
  value: number | string;
  start: number;
  end: number;
}

/** A `{ ... }` or `< ... >` message; `bodyStart`/`bodyEnd` are just inside the braces. */
export interface PbtxtMessage {
  type: 'message';
  fields: PbtxtField[];
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
}

/** A `[ ... ]` list of scalars or messages. */
export interface PbtxtList {
  type: 'list';
  items: (PbtxtScalar | PbtxtMessage)[];
  start: number;
  end: number;
}

export type PbtxtValue = PbtxtScalar | PbtxtMessage | PbtxtList;

/** One field occurrence; `start` is the name, `end` is after the value and its separator. */
export interface PbtxtField {
  name: string;
  value: PbtxtValue;
  start: number;
  end: number;
}

/** A parsed file: its text and its top-level fields. */
export interface PbtxtDocument {
  text: string;
  fields: PbtxtField[];
}

/** A syntax error with its 1-based line and column. */
export class PbtxtSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
    this.name = 'PbtxtSyntaxError';
  }
}

const NUMBER =
  /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fF]?|inf(?:inity)?\b|nan\b)/i;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

class Reader {
  i = 0;
  constructor(readonly text: string) {}

  fail(detail: string, at = this.i): never {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new PbtxtSyntaxError(line, column, detail);
  }

  skip() {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.i++;
      } else if (c === '#') {
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
      } else {
        return;
      }
    }
  }

  peek(): string {
    this.skip();
    return this.text[this.i] ?? '';
  }

  eat(c: string): boolean {
    if (this.peek() === c) {
      this.i++;
      return true;
    }
    return false;
  }

  ident(): string {
    this.skip();
    const m = IDENT.exec(this.text.slice(this.i));
    if (!m) this.fail('expected a field name');
    this.i += m[0].length;
    return m[0];
  }

  string(): PbtxtScalar {
    const start = this.i;
    const quote = this.text[this.i++];
    let out = '';
    while (this.i < this.text.length && this.text[this.i] !== quote) {
      const c = this.text[this.i++];
      if (c === '\n') this.fail('unterminated string', start);
      if (c === '\\') {
        const e = this.text[this.i++];
        out += ESCAPES[e] ?? e;
      } else {
        out += c;
      }
    }
    if (this.text[this.i] !== quote) this.fail('unterminated string', start);
    this.i++;
    return { type: 'scalar', kind: 'string', value: out, start, end: this.i };
  }

  scalar(): PbtxtScalar {
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    const start = this.i;
    const rest = this.text.slice(this.i);
    const num = NUMBER.exec(rest);
    if (num && !IDENT.test(rest)) {
      this.i += num[0].length;
      const text = num[0].replace(/[fF]$/, '');
      const value = /^[-+]?0[xX]/.test(text)
        ? parseInt(text, 16)
        : Number(text);
      return { type: 'scalar', kind: 'number', value, start, end: this.i };
    }
    const id = IDENT.exec(rest);
    if (!id) this.fail(`unexpected "${c || 'end of file'}"`);
    this.i += id[0].length;
    return {
      type: 'scalar',
      kind: 'identifier',
      value: id[0],
      start,
      end: this.i,
    };
  }

  message(): PbtxtMessage {
    const start = this.i;
    const open = this.text[this.i++];
    const close = open === '{' ? '}' : '>';
    const bodyStart = this.i;
    const fields: PbtxtField[] = [];
    while (this.peek() !== close) {
      if (this.peek() === '') this.fail(`missing "${close}"`, start);
      fields.push(this.field());
    }
    const bodyEnd = this.i;
    this.i++;
    return { type: 'message', fields, start, end: this.i, bodyStart, bodyEnd };
  }

  element(): PbtxtScalar | PbtxtMessage {
    const c = this.peek();
    return c === '{' || c === '<' ? this.message() : this.scalar();
  }

  list(): PbtxtList {
    const start = this.i;
    this.i++;
    const items: (PbtxtScalar | PbtxtMessage)[] = [];
    if (!this.eat(']')) {
      for (;;) {
        items.push(this.element());
        if (this.eat(']')) break;
        if (!this.eat(',')) this.fail('expected "," or "]" in a list');
      }
    }
    return { type: 'list', items, start, end: this.i };
  }

  field(): PbtxtField {
    this.skip();
    const start = this.i;
    const name = this.ident();
    const colon = this.eat(':');
    const c = this.peek();
    let value: PbtxtValue;
    if (c === '{' || c === '<') value = this.message();
    else if (c === '[') value = this.list();
    else if (!colon) this.fail(`expected ":" after ${name}`);
    else value = this.scalar();
    // A separator belongs to the field; whitespace before it may not be skipped over a comment.
    const save = this.i;
    this.skip();
    if (this.text[this.i] === ',' || this.text[this.i] === ';') this.i++;
    else this.i = save;
    return { name, value: value!, start, end: this.i };
  }
}

/** Parses a `config.pbtxt`; throws {@link PbtxtSyntaxError} with line and column. */
export function parsePbtxt(text: string): PbtxtDocument {
  const r = new Reader(text);
  const fields: PbtxtField[] = [];
  while (r.peek() !== '') fields.push(r.field());
  return { text, fields };
}

/** A plain JSON-like value of a text-format value (numbers, strings, arrays, objects). */
export type PbtxtPlain =
  | number
  | string
  | PbtxtPlain[]
  | { [field: string]: PbtxtPlain };

function plainValue(v: PbtxtValue | PbtxtScalar | PbtxtMessage): PbtxtPlain {
  if (v.type === 'scalar') return v.value;
  if (v.type === 'list') return v.items.map(plainValue);
  return plainFields(v.fields);
}

/**
 * The fields as a plain object: a field written once is its value, a field
 * repeated (`a: 1 a: 2`) is the array of its values, a `[ ... ]` list is an
 * array. Identifiers (enum values, `true`) become strings.
 */
export function plainFields(fields: PbtxtField[]): {
  [field: string]: PbtxtPlain;
} {
  const out: { [field: string]: PbtxtPlain } = {};
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(f.name, (counts.get(f.name) ?? 0) + 1);
  for (const f of fields) {
    const v = plainValue(f.value);
    if ((counts.get(f.name) ?? 0) > 1) {
      const list = (out[f.name] as PbtxtPlain[] | undefined) ?? [];
      list.push(...(f.value.type === 'list' ? (v as PbtxtPlain[]) : [v]));
      out[f.name] = list;
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

/** A whole file as a plain object (see {@link plainFields}). */
export function pbtxtToPlain(text: string): { [field: string]: PbtxtPlain } {
  return plainFields(parsePbtxt(text).fields);
}
