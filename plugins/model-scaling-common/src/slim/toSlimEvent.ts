import type { SlimRescaleEvent } from '../types/status';
import {
  SlimObjectError,
  readNumber,
  readObject,
  readString,
  readTime,
} from './read';
import { expectKind, toSlimMeta } from './toSlimMeta';

/** The event reason the HPA controller uses when it changes a target's replica count. */
export const RESCALE_EVENT_REASON = 'SuccessfulRescale';

const RESCALE_MESSAGE = /New size:\s*(\d+)\s*;\s*reason:\s*(.*)$/s;

/** Parses the HPA controller's "New size: 4; reason: cpu resource utilization (percentage of request) above target". */
export function parseRescaleMessage(message: string): {
  newSize?: number;
  rescaleReason?: string;
} {
  const match = RESCALE_MESSAGE.exec(message.trim());
  if (!match) return {};
  return { newSize: Number(match[1]), rescaleReason: match[2].trim() };
}

/**
 * Reduces a raw Event (`v1` or `events.k8s.io/v1`) with reason
 * `SuccessfulRescale` to a {@link SlimRescaleEvent}; returns `undefined` for
 * any other reason. The time is the newest of the event's timestamps.
 */
export function toSlimEvent(
  raw: unknown,
  cluster: string,
): SlimRescaleEvent | undefined {
  const ctx = { kind: 'Event' };
  const obj = expectKind(ctx.kind, raw);
  const reason = readString(ctx, obj.reason, 'reason') ?? '';
  if (reason !== RESCALE_EVENT_REASON) {
    return undefined;
  }
  const meta = toSlimMeta(ctx, obj, cluster);
  const involvedPath =
    obj.involvedObject !== undefined ? 'involvedObject' : 'regarding';
  const involved = readObject(
    ctx,
    obj.involvedObject ?? obj.regarding,
    involvedPath,
  );
  const series = readObject(ctx, obj.series, 'series');
  const times = [
    readTime(ctx, obj.lastTimestamp, 'lastTimestamp'),
    readTime(ctx, obj.deprecatedLastTimestamp, 'deprecatedLastTimestamp'),
    readTime(ctx, series?.lastObservedTime, 'series.lastObservedTime'),
    readTime(ctx, obj.eventTime, 'eventTime'),
    readTime(ctx, obj.firstTimestamp, 'firstTimestamp'),
    readTime(ctx, obj.deprecatedFirstTimestamp, 'deprecatedFirstTimestamp'),
    meta.creationTimestamp,
  ].filter((t): t is string => t !== undefined);
  if (times.length === 0) {
    throw new SlimObjectError(
      ctx.kind,
      'lastTimestamp',
      'is required (no timestamp of any kind on the event)',
    );
  }
  const time = times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const message =
    readString(
      ctx,
      obj.message ?? obj.note,
      obj.message !== undefined ? 'message' : 'note',
    ) ?? '';
  const event: SlimRescaleEvent = {
    kind: 'Event',
    meta,
    involvedObject: {
      kind: readString(ctx, involved?.kind, `${involvedPath}.kind`) ?? '',
      name: readString(ctx, involved?.name, `${involvedPath}.name`) ?? '',
    },
    reason,
    message,
    time,
    count:
      readNumber(ctx, series?.count, 'series.count') ??
      readNumber(ctx, obj.count, 'count') ??
      readNumber(ctx, obj.deprecatedCount, 'deprecatedCount') ??
      1,
    ...parseRescaleMessage(message),
  };
  const ns = readString(ctx, involved?.namespace, `${involvedPath}.namespace`);
  if (ns) event.involvedObject.namespace = ns;
  return event;
}
