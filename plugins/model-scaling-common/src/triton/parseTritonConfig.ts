import type { TritonModelConfig } from '../types/status';
import {
  TextProtoMessage,
  TextProtoSyntaxError,
  TextProtoValue,
  parseTextProto,
} from './parseTextProto';

/** A config.pbtxt that cannot be read; the message names the line and the problem. */
export class TritonConfigParseError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'TritonConfigParseError';
  }
}

function where(source: string | undefined, line: number) {
  return `${source ?? 'config.pbtxt'} line ${line}`;
}

class Reader {
  constructor(
    private readonly message: TextProtoMessage,
    private readonly path: string,
    private readonly source?: string,
  ) {}

  private values(field: string): TextProtoValue[] {
    return this.message.get(field) ?? [];
  }

  private error(value: TextProtoValue, field: string, expected: string): never {
    const got =
      value.kind === 'message' ? 'a block' : JSON.stringify(value.value);
    throw new TritonConfigParseError(
      `${where(this.source, value.line)}: ${
        this.path
      }${field} must be ${expected}, got ${got}`,
      value.line,
    );
  }

  private last(field: string): TextProtoValue | undefined {
    const all = this.values(field);
    return all[all.length - 1];
  }

  string(field: string): string | undefined {
    const v = this.last(field);
    if (v === undefined) return undefined;
    if (v.kind !== 'string') this.error(v, field, 'a quoted string');
    return v.value;
  }

  enumValue(field: string): string | undefined {
    const v = this.last(field);
    if (v === undefined) return undefined;
    if (v.kind !== 'identifier' && v.kind !== 'string') {
      this.error(v, field, 'an enum value such as KIND_GPU');
    }
    return String(v.value);
  }

  integer(field: string): number | undefined {
    const v = this.last(field);
    if (v === undefined) return undefined;
    return this.toInteger(v, field);
  }

  private toInteger(v: TextProtoValue, field: string): number {
    if (v.kind !== 'number' || !Number.isInteger(v.value)) {
      this.error(v, field, 'an integer');
    }
    return v.value as number;
  }

  integers(field: string): number[] {
    return this.values(field).map(v => this.toInteger(v, field));
  }

  boolean(field: string): boolean | undefined {
    const v = this.last(field);
    if (v === undefined) return undefined;
    if (v.kind === 'identifier' && /^(true|True|t)$/.test(v.value)) return true;
    if (v.kind === 'identifier' && /^(false|False|f)$/.test(v.value))
      return false;
    if (v.kind === 'number' && (v.value === 0 || v.value === 1))
      return v.value === 1;
    return this.error(v, field, 'true or false');
  }

  messages(field: string): Reader[] {
    return this.values(field).map((v, i) => {
      if (v.kind !== 'message') this.error(v, field, 'a { ... } block');
      const path = `${this.path}${field}${
        this.values(field).length > 1 ? `[${i}]` : ''
      }.`;
      return new Reader(v.value as TextProtoMessage, path, this.source);
    });
  }

  has(field: string): boolean {
    return this.message.has(field);
  }
}

/**
 * Reads the name, platform/backend, `max_batch_size`, `dynamic_batching` and
 * `instance_group` of a Triton config.pbtxt. Tolerates comments, lists and
 * repeated fields and fields it does not use. Throws a
 * {@link TritonConfigParseError} naming the line on broken input.
 */
export function parseTritonConfig(
  text: string,
  options: { source?: string } = {},
): TritonModelConfig {
  let root: TextProtoMessage;
  try {
    root = parseTextProto(text);
  } catch (e) {
    if (e instanceof TextProtoSyntaxError) {
      throw new TritonConfigParseError(
        `${where(options.source, e.line)}, column ${e.column}: ${e.detail}`,
        e.line,
      );
    }
    throw e;
  }
  const r = new Reader(root, '', options.source);
  const config: TritonModelConfig = {
    maxBatchSize: r.integer('max_batch_size') ?? 0,
    instanceGroups: [],
  };
  const name = r.string('name');
  const platform = r.string('platform');
  const backend = r.string('backend');
  if (name !== undefined) config.name = name;
  if (platform !== undefined) config.platform = platform;
  if (backend !== undefined) config.backend = backend;

  const batching = r.messages('dynamic_batching');
  if (batching.length > 0) {
    const db = batching[batching.length - 1];
    config.dynamicBatching = {
      preferredBatchSize: db.integers('preferred_batch_size'),
      maxQueueDelayMicroseconds:
        db.integer('max_queue_delay_microseconds') ?? 0,
    };
    const preserve = db.boolean('preserve_ordering');
    if (preserve !== undefined) {
      config.dynamicBatching.preserveOrdering = preserve;
    }
  }

  config.instanceGroups = r.messages('instance_group').map(group => {
    const out: TritonModelConfig['instanceGroups'][number] = {};
    const kind = group.enumValue('kind');
    const count = group.integer('count');
    if (count !== undefined) out.count = count;
    if (kind !== undefined) out.kind = kind;
    if (group.has('gpus')) out.gpus = group.integers('gpus');
    return out;
  });
  return config;
}
