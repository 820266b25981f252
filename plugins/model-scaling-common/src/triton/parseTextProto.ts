/*
 * A small, tolerant reader of the protobuf text format as config.pbtxt uses
 * it: `name: value` fields, nested `name { ... }` / `name: < ... >` messages,
 * `[a, b]` lists and repeated fields, `#` comments, optional `,` / `;`
 * separators, and "..." or '...' strings. It keeps every field as a list of
 * values, so repeated fields and lists read the same way.
 */

/** A scalar: a number, a string, or a bare identifier (enum value, true/false). */
export type TextProtoScalar =
  | { kind: 'number'; value: number; line: number }
  | { kind: 'string'; value: string; line: number }
  | { kind: 'identifier'; value: string; line: number };

/** A field value: a scalar or a nested message. */
export type TextProtoValue =
  | TextProtoScalar
  | { kind: 'message'; value: TextProtoMessage; line: number };

/** A message: each field name with all its values in order. */
export type TextProtoMessage = Map<string, TextProtoValue[]>;

/** A syntax error in a text-format document, with its 1-based line and column. */
export class TextProtoSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
    this.name = 'TextProtoSyntaxError';
  }
}

type Token =
  | { type: 'ident'; text: string; line: number; column: number }
  | { type: 'number'; text: string; line: number; column: number }
  | { type: 'string'; text: string; line: number; column: number }
  | { type: 'punct'; text: string; line: number; column: number }
  | { type: 'eof'; text: ''; line: number; column: number };

const NUMBER =
  /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fF]?|inf(?:inity)?|nan)/i;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = () => i - lineStart + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if ('{}[]<>:,;'.includes(c)) {
      tokens.push({ type: 'punct', text: c, line, column: col() });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const startColumn = col();
      let j = i + 1;
      let out = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\n') {
          throw new TextProtoSyntaxError(
            line,
            startColumn,
            'unterminated string',
          );
        }
        if (text[j] === '\\' && j + 1 < text.length) {
          const e = text[j + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
          out += map[e] ?? e;
          j += 2;
          continue;
        }
        out += text[j];
        j++;
      }
      if (j >= text.length) {
        throw new TextProtoSyntaxError(
          line,
          startColumn,
          'unterminated string',
        );
      }
      tokens.push({ type: 'string', text: out, line, column: startColumn });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i, i + 200);
    const ident = IDENT.exec(rest);
    const num = NUMBER.exec(rest);
    if (num && (!ident || /^[-+.\d]/.test(rest))) {
      tokens.push({ type: 'number', text: num[0], line, column: col() });
      i += num[0].length;
      continue;
    }
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], line, column: col() });
      i += ident[0].length;
      continue;
    }
    throw new TextProtoSyntaxError(
      line,
      col(),
      `unexpected character ${JSON.stringify(c)}`,
    );
  }
  tokens.push({ type: 'eof', text: '', line, column: col() });
  return tokens;
}

function describe(token: Token): string {
  return token.type === 'eof' ? 'end of file' : JSON.stringify(token.text);
}

/** Parses text-format into a {@link TextProtoMessage}; throws {@link TextProtoSyntaxError}. */
export function parseTextProto(text: string): TextProtoMessage {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const fail = (token: Token, detail: string): never => {
    throw new TextProtoSyntaxError(token.line, token.column, detail);
  };
  const isPunct = (token: Token, p: string) =>
    token.type === 'punct' && token.text === p;

  function scalar(): TextProtoValue {
    const t = next();
    if (t.type === 'number') {
      const raw = t.text.replace(/[fF]$/, '');
      const value = /^[-+]?0[xX]/.test(raw)
        ? Number.parseInt(raw, 16)
        : Number(raw);
      return { kind: 'number', value, line: t.line };
    }
    if (t.type === 'string') {
      let value = t.text;
      // Adjacent strings concatenate, as in C.
      while (peek().type === 'string') value += next().text;
      return { kind: 'string', value, line: t.line };
    }
    if (t.type === 'ident') {
      return { kind: 'identifier', value: t.text, line: t.line };
    }
    return fail(t, `expected a value, found ${describe(t)}`);
  }

  function messageBody(close: string | undefined): TextProtoMessage {
    const fields: TextProtoMessage = new Map();
    for (;;) {
      const t = peek();
      if (close === undefined && t.type === 'eof') return fields;
      if (close !== undefined && isPunct(t, close)) {
        next();
        return fields;
      }
      if (t.type === 'eof') {
        fail(t, `expected "${close}" to close the block, found end of file`);
      }
      if (t.type !== 'ident') {
        fail(t, `expected a field name, found ${describe(t)}`);
      }
      next();
      const name = t.text;
      const values = fields.get(name) ?? [];
      fields.set(name, values);
      let sep = peek();
      const hasColon = isPunct(sep, ':');
      if (hasColon) {
        next();
        sep = peek();
      }
      if (isPunct(sep, '{') || isPunct(sep, '<')) {
        next();
        values.push({
          kind: 'message',
          value: messageBody(sep.text === '{' ? '}' : '>'),
          line: sep.line,
        });
      } else if (isPunct(sep, '[')) {
        // A list; the colon may be left out before a list of messages (`input [ { ... } ]`).
        next();
        if (isPunct(peek(), ']')) {
          next();
        } else {
          for (;;) {
            const item = peek();
            if (isPunct(item, '{') || isPunct(item, '<')) {
              next();
              values.push({
                kind: 'message',
                value: messageBody(item.text === '{' ? '}' : '>'),
                line: item.line,
              });
            } else {
              values.push(scalar());
            }
            const after = next();
            if (isPunct(after, ']')) break;
            if (!isPunct(after, ',')) {
              fail(
                after,
                `expected "," or "]" in the list of "${name}", found ${describe(
                  after,
                )}`,
              );
            }
          }
        }
      } else if (hasColon) {
        values.push(scalar());
      } else {
        fail(
          sep,
          `expected ":" or "{" after field name "${name}", found ${describe(
            sep,
          )}`,
        );
      }
      if (isPunct(peek(), ',') || isPunct(peek(), ';')) next();
    }
  }

  return messageBody(undefined);
}
