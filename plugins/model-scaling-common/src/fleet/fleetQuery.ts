import { z } from 'zod';
import { PATTERN_IDS } from '../patterns';
import type { VerdictLevel } from '../types/status';
import { findingsWeight, FleetRow } from './fleetRow';

/** Columns `GET /v1/fleet` sorts by. */
export const FLEET_SORT_COLUMNS = [
  'verdict',
  'name',
  'owner',
  'pattern',
  'cluster',
  'replicas',
  'gpus',
  'findings',
  'drift',
  'batch',
] as const;

/** A column `GET /v1/fleet` sorts by. */
export type FleetSortColumn = (typeof FLEET_SORT_COLUMNS)[number];

/** The largest page `GET /v1/fleet` serves. */
export const FLEET_MAX_LIMIT = 200;
/** The page size when `limit` is not given. */
export const FLEET_DEFAULT_LIMIT = 50;

const VERDICT_LEVELS: readonly VerdictLevel[] = [
  'failing',
  'at-risk',
  'not-deployed',
  'healthy',
];

/** A comma-separated list; each item trimmed, empty items dropped. */
const list = (what: string, allowed?: readonly string[]) =>
  z
    .string({ invalid_type_error: `${what} must be given once, as text` })
    .max(1000, `${what} must be at most 1000 characters`)
    .transform(s =>
      s
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    )
    .refine(
      values => !allowed || values.every(v => allowed.includes(v)),
      `${what} must be a comma-separated list of ${allowed?.join(', ')}`,
    );

const integer = (what: string, min: number, max: number) =>
  z
    .string({ invalid_type_error: `${what} must be given once, as a number` })
    .regex(/^\d+$/, `${what} must be a whole number`)
    .transform(Number)
    .refine(
      n => n >= min && n <= max,
      `${what} must be between ${min} and ${max}`,
    );

/** The query parameters of `GET /v1/fleet`, as strings from a URL. */
export const fleetQuerySchema = z
  .object({
    offset: integer('offset', 0, 10_000_000).default('0'),
    limit: integer('limit', 1, FLEET_MAX_LIMIT).default(
      String(FLEET_DEFAULT_LIMIT),
    ),
    sort: z
      .enum(FLEET_SORT_COLUMNS, {
        errorMap: () => ({
          message: `sort must be one of ${FLEET_SORT_COLUMNS.join(', ')}`,
        }),
      })
      .default('verdict'),
    order: z
      .enum(['asc', 'desc'], {
        errorMap: () => ({ message: 'order must be asc or desc' }),
      })
      .default('asc'),
    verdict: list('verdict', VERDICT_LEVELS).optional(),
    pattern: list('pattern', [...PATTERN_IDS, 'unset']).optional(),
    owner: list('owner').optional(),
    cluster: list('cluster').optional(),
    drifted: z
      .enum(['true', 'false'], {
        errorMap: () => ({ message: 'drifted must be true or false' }),
      })
      .transform(v => v === 'true')
      .optional(),
    q: z
      .string({ invalid_type_error: 'q must be given once, as text' })
      .max(200, 'q must be at most 200 characters')
      .optional(),
  })
  .strict();

/** A validated fleet query. */
export type FleetQuery = z.output<typeof fleetQuerySchema>;

/**
 * Validates URL query parameters; a failure names the parameter and the rule
 * (`Invalid query parameter 'limit': limit must be between 1 and 200`).
 */
export function parseFleetQuery(
  params: unknown,
): { query: FleetQuery } | { error: string } {
  const result = fleetQuerySchema.safeParse(params ?? {});
  if (result.success) return { query: result.data };
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    return {
      error: `Unknown query parameter '${
        issue.keys[0]
      }': allowed are ${Object.keys(fleetQuerySchema.shape).join(', ')}`,
    };
  }
  return {
    error: `Invalid query parameter '${issue.path.join('.')}': ${
      issue.message
    }`,
  };
}

const LEVEL_RANK: Record<VerdictLevel, number> = {
  failing: 0,
  'at-risk': 1,
  'not-deployed': 2,
  healthy: 3,
};

const text = (s: string | undefined) => (s ?? '').toLocaleLowerCase('en-US');
function cmpText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
const cmpNum = (a: number, b: number) => a - b;
const label = (r: FleetRow) => text(r.title ?? r.name);

/**
 * The primary order of each column, ascending; ties are broken by the entity
 * ref in {@link compareFleetRows}, so equal rows never swap between pages.
 * `verdict` ascending is worst first (failing, at risk, not deployed,
 * healthy), then most findings.
 */
const PRIMARY: Record<FleetSortColumn, (a: FleetRow, b: FleetRow) => number> = {
  verdict: (a, b) =>
    LEVEL_RANK[a.verdict.level] - LEVEL_RANK[b.verdict.level] ||
    findingsWeight(b.findings) - findingsWeight(a.findings),
  name: (a, b) => cmpText(label(a), label(b)),
  owner: (a, b) => cmpText(text(a.owner), text(b.owner)),
  pattern: (a, b) => cmpText(a.pattern ?? '~', b.pattern ?? '~'),
  cluster: (a, b) => cmpText(a.clusters.join(','), b.clusters.join(',')),
  replicas: (a, b) => cmpNum(a.replicas.current, b.replicas.current),
  gpus: (a, b) => cmpNum(a.gpusInUse, b.gpusInUse),
  findings: (a, b) =>
    cmpNum(findingsWeight(a.findings), findingsWeight(b.findings)),
  drift: (a, b) => cmpNum(a.drift.length, b.drift.length),
  batch: (a, b) => cmpNum(a.averageBatchSize ?? -1, b.averageBatchSize ?? -1),
};

/** Orders rows by a column (descending reverses the column, never the tie-break). */
export function compareFleetRows(
  sort: FleetSortColumn,
  order: 'asc' | 'desc',
): (a: FleetRow, b: FleetRow) => number {
  const primary = PRIMARY[sort];
  const sign = order === 'desc' ? -1 : 1;
  return (a, b) => sign * primary(a, b) || cmpText(a.entityRef, b.entityRef);
}

/** Whether a row passes the query's filters (everything but paging and order). */
export function matchesFleetQuery(
  row: FleetRow,
  query: Pick<
    FleetQuery,
    'verdict' | 'pattern' | 'owner' | 'cluster' | 'drifted' | 'q'
  >,
): boolean {
  if (query.verdict?.length && !query.verdict.includes(row.verdict.level))
    return false;
  if (query.pattern?.length && !query.pattern.includes(row.pattern ?? 'unset'))
    return false;
  if (query.owner?.length && !query.owner.includes(row.owner ?? ''))
    return false;
  if (
    query.cluster?.length &&
    !row.clusters.some(c => query.cluster!.includes(c))
  )
    return false;
  if (query.drifted !== undefined && query.drifted !== row.drift.length > 0)
    return false;
  if (query.q) {
    const q = text(query.q.trim());
    if (
      q &&
      ![
        row.name,
        row.title,
        row.owner,
        row.entityRef,
        row.verdict.headline,
      ].some(v => text(v).includes(q))
    )
      return false;
  }
  return true;
}

/** One page of the fleet. */
export interface FleetPageOf<T> {
  /** Rows matching the filters. */
  total: number;
  rows: T[];
  /** The offset of the next page; absent on the last page. */
  nextOffset?: number;
}

/**
 * Filters, sorts (stable: ties by entity ref) and pages rows. `sorted`, when
 * given, is the rows already in the query's order (an index keeps these per
 * column), so only filtering and slicing are left.
 */
export function queryFleet(
  rows: readonly FleetRow[],
  query: FleetQuery,
  options: { sorted?: boolean } = {},
): FleetPageOf<FleetRow> {
  const ordered = options.sorted
    ? rows
    : [...rows].sort(compareFleetRows(query.sort, query.order));
  const filtering =
    query.verdict?.length ||
    query.pattern?.length ||
    query.owner?.length ||
    query.cluster?.length ||
    query.drifted !== undefined ||
    query.q?.trim();
  const matching = filtering
    ? ordered.filter(r => matchesFleetQuery(r, query))
    : ordered;
  const page = matching.slice(query.offset, query.offset + query.limit);
  const next = query.offset + page.length;
  return {
    total: matching.length,
    rows: page,
    ...(next < matching.length && { nextOffset: next }),
  };
}
