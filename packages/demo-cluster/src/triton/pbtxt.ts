/**
 * A parser of protobuf text format, enough for Triton `config.pbtxt` files: messages,
 * scalar fields, lists, enums and comments. Fields Triton declares `repeated` always
 * become arrays; other fields become arrays only when they repeat.
 */

const REPEATED = new Set([
  'input',
  'output',
  'instance_group',
  'dims',
  'preferred_batch_size',
  'gpus',
  'profile',
  'batch_input',
  'batch_output',
  'model_warmup',
  'shape',
  'source_input',
  'secondary_devices',
  'step',
  'control_input',
  'control',
  'int32_false_true',
  'fp32_false_true',
  'bool_false_true',
  'versions',
  'gpu_execution_accelerator',
  'cpu_execution_accelerator',
  'input_map',
  'output_map',
]);

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

type Token = {
  kind: 'punct' | 'ident' | 'string' | 'number';
  text: string;
  line: number;
};

/** Error for text that is not protobuf text format; names the line. */
export class PbtxtError extends Error {
  constructor(message: string, line: number) {
    super(`config.pbtxt line ${line}: ${message}`);
    this.name = 'PbtxtError';
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ('{}[]:,<>;'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, line });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += ESCAPES[text[j + 1]] ?? text[j + 1];
          j += 2;
        } else {
          if (text[j] === '\n')
            throw new PbtxtError('unterminated string', line);
          value += text[j++];
        }
      }
      if (j >= text.length) throw new PbtxtError('unterminated string', line);
      tokens.push({ kind: 'string', text: value, line });
      i = j + 1;
    } else if (/[-+0-9.]/.test(ch)) {
      const m =
        /^[-+]?(0x[0-9a-fA-F]+|\d*\.?\d+([eE][-+]?\d+)?f?|inf|nan)/.exec(
          text.slice(i),
        );
      if (!m || m[0].length === 0)
        throw new PbtxtError(`unexpected "${ch}"`, line);
      tokens.push({ kind: 'number', text: m[0], line });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0], line });
      i += m[0].length;
    } else {
      throw new PbtxtError(`unexpected "${ch}"`, line);
    }
  }
  return tokens;
}

/** Parses protobuf text format into a plain object. */
export function parsePbtxt(text: string): Record<string, unknown> {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const lastLine = () => tokens[tokens.length - 1]?.line ?? 1;
  const scalar = (t: Token): unknown => {
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') {
      const clean = t.text.replace(/f$/, '');
      return clean.startsWith('0x') ? parseInt(clean, 16) : Number(clean);
    }
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'True') return true;
      if (t.text === 'false' || t.text === 'False') return false;
      return t.text;
    }
    throw new PbtxtError(`unexpected "${t.text}"`, t.line);
  };

  const value = (): unknown => {
    const t = peek();
    if (!t) throw new PbtxtError('value expected at end of file', lastLine());
    if (t.kind === 'punct' && (t.text === '{' || t.text === '<'))
      return message();
    if (t.kind === 'punct' && t.text === '[') {
      pos++;
      const items: unknown[] = [];
      while (!(peek()?.kind === 'punct' && peek()!.text === ']')) {
        items.push(value());
        if (peek()?.kind === 'punct' && peek()!.text === ',') pos++;
        else if (!(peek()?.kind === 'punct' && peek()!.text === ']')) {
          throw new PbtxtError(
            `expected "," or "]"`,
            peek()?.line ?? lastLine(),
          );
        }
      }
      pos++;
      return items;
    }
    pos++;
    return scalar(t);
  };

  const fields = (closing?: string): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    for (;;) {
      const t = peek();
      if (!t) {
        if (closing)
          throw new PbtxtError(
            `expected "${closing}" at end of file`,
            lastLine(),
          );
        return obj;
      }
      if (closing && t.kind === 'punct' && t.text === closing) {
        pos++;
        return obj;
      }
      if (t.kind !== 'ident')
        throw new PbtxtError(`field name expected, got "${t.text}"`, t.line);
      pos++;
      const name = t.text;
      const next = peek();
      let v: unknown;
      if (next?.kind === 'punct' && next.text === ':') {
        pos++;
        v = value();
      } else if (
        next?.kind === 'punct' &&
        (next.text === '{' || next.text === '<' || next.text === '[')
      ) {
        // Message fields may omit the colon, also as a list: `input [ { ... } ]`.
        v = value();
      } else {
        throw new PbtxtError(
          `expected ":" or "{" after "${name}"`,
          next?.line ?? t.line,
        );
      }
      const items = Array.isArray(v) ? v : [v];
      if (REPEATED.has(name)) {
        obj[name] = [...((obj[name] as unknown[]) ?? []), ...items];
      } else if (name in obj) {
        const prev = obj[name];
        obj[name] = [...(Array.isArray(prev) ? prev : [prev]), ...items];
      } else {
        obj[name] = v;
      }
      if (
        peek()?.kind === 'punct' &&
        (peek()!.text === ',' || peek()!.text === ';')
      )
        pos++;
    }
  };

  function message(): Record<string, unknown> {
    const open = peek()!;
    pos++;
    return fields(open.text === '<' ? '>' : '}');
  }

  const result = fields();
  if (pos < tokens.length)
    throw new PbtxtError(`unexpected "${tokens[pos].text}"`, tokens[pos].line);
  return result;
}
