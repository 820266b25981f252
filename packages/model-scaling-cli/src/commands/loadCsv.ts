import type { LoadPoint } from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';

/**
 * Reads a load curve from CSV: one `t,rps` pair per line (seconds from the
 * start, requests or messages per second), an optional header line, `#`
 * comments and blank lines. Times must increase.
 */
export function parseLoadCsv(text: string, source: string): LoadPoint[] {
  const points: LoadPoint[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const where = `${source} line ${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map(c => c.trim());
    if (
      points.length === 0 &&
      cells.some(c => c !== '' && !Number.isFinite(Number(c)))
    ) {
      if (/^[a-z_ ]+$/i.test(cells.join(''))) return; // a header such as "t,rps"
    }
    if (cells.length < 2) {
      throw new CliError(`${where}: expected "t,rps", got "${line}"`);
    }
    const t = Number(cells[0]);
    const rps = Number(cells[1]);
    if (cells[0] === '' || !Number.isFinite(t) || t < 0) {
      throw new CliError(
        `${where}: t must be seconds, 0 or more (got "${cells[0]}")`,
      );
    }
    if (cells[1] === '' || !Number.isFinite(rps) || rps < 0) {
      throw new CliError(
        `${where}: rps must be a number of 0 or more (got "${cells[1]}")`,
      );
    }
    const previous = points[points.length - 1];
    if (previous && t <= previous.t) {
      throw new CliError(
        `${where}: t must increase (${t} after ${previous.t})`,
      );
    }
    points.push({ t, rps });
  });
  if (points.length === 0) {
    throw new CliError(`${source}: no load points (expected lines of "t,rps")`);
  }
  return points;
}
