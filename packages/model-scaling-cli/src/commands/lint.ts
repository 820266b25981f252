import {
  Finding,
  isPatternId,
  lintManifests,
  PATTERN_IDS,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';
import { collectFiles } from '../files';
import { CliIo, resolvePath } from '../io';
import { presetsFromConfig } from '../presetsFromConfig';
import { parseFormat, parsePositiveNumber } from './options';

/** Options of `model-scaling lint`. */
export interface LintCommandOptions {
  format?: string;
  pattern?: string;
  sloMs?: string;
  drift?: boolean;
  config?: string;
}

function counts(findings: Finding[]) {
  return {
    error: findings.filter(f => f.severity === 'error').length,
    warning: findings.filter(f => f.severity === 'warning').length,
    info: findings.filter(f => f.severity === 'info').length,
  };
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings as plain text, one block per finding, then a summary line. */
export function formatFindingsText(
  findings: Finding[],
  fileCount: number,
): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(
      `${f.severity.padEnd(7)} ${f.id}${f.subject ? `  ${f.subject}` : ''}`,
    );
    lines.push(`        ${f.title}`);
    lines.push(`        evidence: ${f.evidence}`);
    lines.push(`        fix: ${f.fix}`);
    lines.push('');
  }
  const c = counts(findings);
  lines.push(
    `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${
      c.info
    } info in ${plural(fileCount, 'file')}`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `model-scaling lint <dir|files...>`: lints the manifests and Triton configs,
 * prints the findings and returns 1 when any is an error.
 */
export async function lintCommand(
  targets: string[],
  options: LintCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = parseFormat(options.format, ['text', 'json'], 'text');
  let pattern: PatternId | undefined;
  if (options.pattern !== undefined) {
    if (!isPatternId(options.pattern)) {
      throw new CliError(
        `--pattern must be one of ${PATTERN_IDS.join(', ')} (got "${
          options.pattern
        }")`,
      );
    }
    pattern = options.pattern;
  }
  const latencySloMs =
    options.sloMs === undefined
      ? undefined
      : parsePositiveNumber(options.sloMs, '--slo-ms');
  const presets =
    options.drift || options.config
      ? await presetsFromConfig(
          options.config && resolvePath(io, options.config),
        )
      : undefined;

  const files = await collectFiles(
    (targets.length ? targets : ['.']).map(t => resolvePath(io, t)),
    io.cwd,
  );
  if (files.length === 0) {
    throw new CliError(
      `No YAML manifests or config.pbtxt files found in ${(targets.length
        ? targets
        : ['.']
      ).join(', ')}`,
    );
  }
  const findings = lintManifests(files, { pattern, latencySloMs, presets });
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        { files: files.map(f => f.path), summary: counts(findings), findings },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(formatFindingsText(findings, files.length));
  }
  return findings.some(f => f.severity === 'error') ? 1 : 0;
}
