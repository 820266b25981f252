import type { TritonModelConfig } from '../types/status';

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Writes the name, platform/backend, `max_batch_size`, `dynamic_batching`
 * and `instance_group` parts of a Triton model config in protobuf text
 * format, the way Triton's docs write config.pbtxt. `header` lines become
 * `#` comments on top; `extra` text (e.g. input/output notes) goes before
 * the batching part.
 */
export function formatTritonConfig(
  config: TritonModelConfig,
  options: { header?: string[]; extra?: string[] } = {},
): string {
  const lines: string[] = [];
  for (const h of options.header ?? []) {
    lines.push(h ? `# ${h}` : '#');
  }
  if (config.name !== undefined) {
    lines.push(`name: ${quote(config.name)}`);
  }
  if (config.platform !== undefined) {
    lines.push(`platform: ${quote(config.platform)}`);
  }
  if (config.backend !== undefined) {
    lines.push(`backend: ${quote(config.backend)}`);
  }
  lines.push(`max_batch_size: ${config.maxBatchSize}`);
  lines.push(...(options.extra ?? []));
  const db = config.dynamicBatching;
  if (db) {
    lines.push('dynamic_batching {');
    if (db.preferredBatchSize.length > 0) {
      lines.push(
        `  preferred_batch_size: [ ${db.preferredBatchSize.join(', ')} ]`,
      );
    }
    lines.push(
      `  max_queue_delay_microseconds: ${db.maxQueueDelayMicroseconds}`,
    );
    if (db.preserveOrdering !== undefined) {
      lines.push(`  preserve_ordering: ${db.preserveOrdering}`);
    }
    lines.push('}');
  }
  if (config.instanceGroups.length > 0) {
    lines.push('instance_group [');
    config.instanceGroups.forEach((group, i) => {
      lines.push('  {');
      if (group.count !== undefined) {
        lines.push(`    count: ${group.count}`);
      }
      if (group.kind !== undefined) {
        lines.push(`    kind: ${group.kind}`);
      }
      if (group.gpus !== undefined) {
        lines.push(`    gpus: [ ${group.gpus.join(', ')} ]`);
      }
      lines.push(i < config.instanceGroups.length - 1 ? '  },' : '  }');
    });
    lines.push(']');
  }
  return `${lines.join('\n')}\n`;
}
