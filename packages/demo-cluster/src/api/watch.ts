import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './ApiError';
import { KubeObject, ObjectStore, StoredChange } from './ObjectStore';
import { ResourceType, apiVersionOf, typeKeyOf } from './resources';
import {
  FieldRequirement,
  LabelRequirement,
  matchesFields,
  matchesLabels,
} from './selectors';

/** How a watch that resumes from a compacted resourceVersion is told to relist. */
export type ExpiredWatchMode = 'event' | 'status';

/** Parameters of one watch request. */
export interface WatchParams {
  type: ResourceType;
  namespace?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
}

/** Options shared by all watches of a server. */
export interface WatchOptions {
  /** Interval of BOOKMARK events for watches that allow them. */
  bookmarkIntervalMs: number;
  /**
   * `event` (default, as kube-apiserver's watch cache does): answer 200 and send one
   * `ERROR` event carrying the 410 `Status`. `status`: answer HTTP 410 with the `Status`.
   */
  expiredWatchMode: ExpiredWatchMode;
  /** Server-side cap of a watch's lifetime when the client sends no timeoutSeconds. */
  defaultTimeoutSeconds: number;
}

function matches(params: WatchParams, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (
    params.namespace !== undefined &&
    obj.metadata.namespace !== params.namespace
  ) {
    return false;
  }
  return (
    matchesLabels(params.labels, obj.metadata.labels) &&
    matchesFields(params.fields, obj)
  );
}

/** Turns a store change into the event this watch sends, if any. */
export function eventFor(
  params: WatchParams,
  change: StoredChange,
): { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject } | undefined {
  if (change.typeKey !== typeKeyOf(params.type)) return undefined;
  const now = matches(params, change.object);
  if (change.type === 'MODIFIED') {
    const before = matches(params, change.previous);
    if (now && before) return { type: 'MODIFIED', object: change.object };
    if (now) return { type: 'ADDED', object: change.object };
    if (before) return { type: 'DELETED', object: change.object };
    return undefined;
  }
  return now ? { type: change.type, object: change.object } : undefined;
}

function bookmark(
  type: ResourceType,
  resourceVersion: number,
  initialEnd = false,
) {
  return {
    type: 'BOOKMARK',
    object: {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: {
        resourceVersion: String(resourceVersion),
        ...(initialEnd
          ? { annotations: { 'k8s.io/initial-events-end': 'true' } }
          : {}),
      },
    },
  };
}

/**
 * Serves one watch: JSON lines of `ADDED`/`MODIFIED`/`DELETED`/`BOOKMARK` events, starting
 * after `resourceVersion` (or with the current state when it is empty or "0"), until the
 * timeout, the client leaves or the server stops. Returns a function that ends the watch.
 */
export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: ObjectStore,
  params: WatchParams,
  options: WatchOptions,
): () => void {
  const rvText = params.resourceVersion ?? '';
  let backlog: { type: string; object: KubeObject }[] = [];
  const fromScratch =
    rvText === '' || rvText === '0' || params.sendInitialEvents;
  if (fromScratch) {
    const items = store
      .list(params.type, params.namespace)
      .filter(o => matches(params, o));
    backlog = items.map(object => ({ type: 'ADDED', object }));
  } else {
    const rv = Number(rvText);
    if (!Number.isInteger(rv) || rv < 0) {
      throw ApiError.badRequest(`invalid resource version "${rvText}"`);
    }
    const changes = store.changesSince(rv);
    if (!changes) {
      const gone = ApiError.gone(
        `too old resource version: ${rv} (${store.oldestResumableResourceVersion()})`,
      ).toStatus();
      if (options.expiredWatchMode === 'status') {
        res.writeHead(410, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(gone));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`${JSON.stringify({ type: 'ERROR', object: gone })}\n`);
      }
      return () => {};
    }
    backlog = changes
      .map(c => eventFor(params, c))
      .filter((e): e is NonNullable<typeof e> => e !== undefined);
  }

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  const write = (event: unknown) => {
    if (!res.writableEnded && !res.destroyed)
      res.write(`${JSON.stringify(event)}\n`);
  };
  for (const event of backlog) write(event);
  if (params.sendInitialEvents && params.allowBookmarks) {
    write(bookmark(params.type, store.currentResourceVersion(), true));
  }

  const unsubscribe = store.subscribe(change => {
    const event = eventFor(params, change);
    if (event) write(event);
  });
  const timers: NodeJS.Timeout[] = [];
  if (params.allowBookmarks && options.bookmarkIntervalMs > 0) {
    timers.push(
      setInterval(
        () => write(bookmark(params.type, store.currentResourceVersion())),
        options.bookmarkIntervalMs,
      ),
    );
  }
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    timers.forEach(t => clearInterval(t));
    if (!res.writableEnded) res.end();
  };
  const timeoutSeconds = params.timeoutSeconds ?? options.defaultTimeoutSeconds;
  timers.push(setTimeout(end, timeoutSeconds * 1000));
  timers.forEach(t => t.unref());
  req.on('close', end);
  res.on('close', end);
  return end;
}
