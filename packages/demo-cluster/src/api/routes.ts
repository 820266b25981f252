// long-file: the demo Kubernetes API's route table: one handler per verb and resource shape, read side by side.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError } from './ApiError';
import {
  coreVersions,
  groupInfo,
  groupList,
  resourceList,
  VERSION_INFO,
} from './discovery';
import { KubeObject, ObjectStore } from './ObjectStore';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { ApiTarget, parseApiPath } from './paths';
import { RESOURCE_TYPES, ResourceType, apiVersionOf } from './resources';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import { serverSideApply } from './serverSideApply';
import { validateObject } from './validate';
import { WatchOptions, serveWatch } from './watch';

/** A response the pod proxy produces. */
export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** Never answer (a hanging pod); the request stays open until the client gives up. */
  hang?: boolean;
}

/** The pod proxy: answers `/api/v1/namespaces/<ns>/pods/<pod>:<port>/proxy/<path>`. */
export type PodProxy = (request: {
  pod: KubeObject;
  port?: number;
  path: string;
  query: URLSearchParams;
  method: string;
}) => Promise<ProxyResponse> | ProxyResponse;

/** What the routes need from the rest of the server. */
export interface ApiContext {
  store: ObjectStore;
  watch: WatchOptions;
  now: () => Date;
  /** host:port, for `GET /api`. */
  serverAddress: () => string;
  podProxy: PodProxy;
  /** Items of computed (read-only) types such as metrics.k8s.io PodMetrics. */
  computed: (type: ResourceType, namespace?: string) => KubeObject[];
  /** Registers an open watch so the server can end it on stop; returns the unregister function. */
  trackWatch: (end: () => void) => () => void;
  /** Random suffix for `generateName`. */
  randomSuffix: () => string;
  /** The API server's defaulting of an object being written (`current` on updates). */
  applyDefaults: (
    type: ResourceType,
    obj: KubeObject,
    current?: KubeObject,
  ) => void;
}

const NAMESPACES = RESOURCE_TYPES.find(
  t => t.group === '' && t.plural === 'namespaces',
)!;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

/** Built-in kinds drop `kind`/`apiVersion` from list items, as kube-apiserver does. */
function listItem(type: ResourceType, obj: KubeObject): unknown {
  if (type.group === 'keda.sh' || type.group === 'metrics.k8s.io') return obj;
  const { kind, apiVersion, ...rest } = obj;
  return rest;
}

function parseBody(body: Buffer, contentType: string): any {
  const text = body.toString('utf8');
  if (text.trim() === '')
    throw ApiError.badRequest('the request body is empty');
  try {
    return contentType.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw ApiError.badRequest(
      `the request body is not valid ${
        contentType.includes('yaml') ? 'YAML' : 'JSON'
      }: ${(e as Error).message}`,
    );
  }
}

function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  if (values.length === 0) return false;
  if (values.every(v => v === 'All')) return true;
  throw ApiError.badRequest(
    `Invalid dry run value: "${values.join(',')}": valid values are "All"`,
  );
}

function requireNamespace(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
): void {
  if (!type.namespaced) return;
  if (!namespace)
    throw ApiError.badRequest('the namespace of the object is required');
  if (!ctx.store.get(NAMESPACES, undefined, namespace)) {
    throw ApiError.notFound('namespaces', namespace);
  }
}

function checkTypeOf(type: ResourceType, obj: any): void {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    throw ApiError.badRequest('the request body must be an object');
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(type)) {
    throw ApiError.badRequest(
      `the API version in the data (${
        obj.apiVersion
      }) does not match the expected API version (${apiVersionOf(type)})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== type.kind) {
    throw ApiError.badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${type.kind})`,
    );
  }
  obj.metadata = obj.metadata ?? {};
}

function checkNamespaceOf(
  type: ResourceType,
  obj: KubeObject,
  pathNamespace?: string,
): void {
  if (!type.namespaced) return;
  if (
    obj.metadata.namespace &&
    pathNamespace &&
    obj.metadata.namespace !== pathNamespace
  ) {
    throw ApiError.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  obj.metadata.namespace = obj.metadata.namespace || pathNamespace;
}

/** What status a new object starts with (kube-apiserver's PrepareForCreate). */
function initialStatus(type: ResourceType, obj: KubeObject): void {
  const key = `${type.group}/${type.plural}`;
  if (key === '/nodes' || key === '/events') return;
  if (key === '/namespaces') obj.status = { phase: 'Active' };
  else if (key === '/pods') obj.status = { phase: 'Pending' };
  else delete obj.status;
}

function listObjects(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
) {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(
    query.get('fieldSelector'),
    type.selectableFields,
  );
  const source = type.computed
    ? ctx.computed(type, namespace)
    : ctx.store.list(type, namespace);
  return {
    labels,
    fields,
    items:
      labels.length === 0 && fields.length === 0
        ? source
        : source.filter(
            o =>
              matchesLabels(labels, o.metadata.labels) &&
              matchesFields(fields, o),
          ),
  };
}

/** Index of the first item whose key sorts after `after` (binary search over key-ordered items). */
function firstAfter(
  items: readonly KubeObject[],
  after: string,
  keyOf: (o: KubeObject) => string,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function handleList(
  ctx: ApiContext,
  res: ServerResponse,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
) {
  const { items } = listObjects(ctx, type, namespace, query);
  const resourceVersion = String(ctx.store.currentResourceVersion());
  const limit = Number(query.get('limit') ?? 0);
  // A continue token carries the first page's resourceVersion and the last key served:
  // later pages continue after that key and report the first page's resourceVersion, so a
  // watch started from it replays whatever changed while the pages were read.
  let listRv = resourceVersion;
  let after: string | undefined;
  const token = query.get('continue');
  if (token) {
    try {
      const parsed = JSON.parse(
        Buffer.from(token, 'base64url').toString('utf8'),
      );
      listRv = String(parsed.rv);
      after = String(parsed.after);
    } catch {
      throw ApiError.badRequest('invalid continue token');
    }
    if (Number(listRv) < ctx.store.oldestResumableResourceVersion()) {
      throw new ApiError(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
  }
  const keyOf = (o: KubeObject) =>
    `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  // Items are in key order (the store's namespace/name order): the next page starts after `after`.
  const remaining =
    after === undefined ? items : items.slice(firstAfter(items, after, keyOf));
  const page = limit > 0 ? remaining.slice(0, limit) : remaining;
  const metadata: Record<string, unknown> = { resourceVersion: listRv };
  if (page.length < remaining.length) {
    metadata.continue = Buffer.from(
      JSON.stringify({ rv: listRv, after: keyOf(page[page.length - 1]) }),
    ).toString('base64url');
    metadata.remainingItemCount = remaining.length - page.length;
  }
  sendJson(res, 200, {
    kind: `${type.kind}List`,
    apiVersion: apiVersionOf(type),
    metadata,
    items: page.map(o => listItem(type, o)),
  });
}

async function handleCollection(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: Extract<ApiTarget, { kind: 'collection' }>,
  query: URLSearchParams,
  body: Buffer,
) {
  const { type, namespace } = target;
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    const watch = query.get('watch');
    if (watch === '1' || watch === 'true') {
      if (type.computed)
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `watch is not supported on ${type.plural}.${type.group}`,
        );
      const labels = parseLabelSelector(query.get('labelSelector'));
      const fields = parseFieldSelector(
        query.get('fieldSelector'),
        type.selectableFields,
      );
      const timeout = query.get('timeoutSeconds');
      const end = serveWatch(
        req,
        res,
        ctx.store,
        {
          type,
          namespace,
          labels,
          fields,
          resourceVersion: query.get('resourceVersion') ?? undefined,
          allowBookmarks:
            query.get('allowWatchBookmarks') === 'true' ||
            query.get('allowWatchBookmarks') === '1',
          sendInitialEvents: query.get('sendInitialEvents') === 'true',
          timeoutSeconds: timeout ? Number(timeout) : undefined,
        },
        ctx.watch,
      );
      const untrack = ctx.trackWatch(end);
      res.on('close', untrack);
      return;
    }
    handleList(ctx, res, type, namespace, query);
    return;
  }
  if (method === 'POST') {
    if (type.computed)
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    const dryRun = dryRunOf(query);
    const obj = parseBody(
      body,
      req.headers['content-type'] ?? 'application/json',
    );
    checkTypeOf(type, obj);
    checkNamespaceOf(type, obj, namespace);
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = `${obj.metadata.generateName}${ctx.randomSuffix()}`;
    }
    requireNamespace(ctx, type, obj.metadata.namespace);
    initialStatus(type, obj);
    ctx.applyDefaults(type, obj);
    validateObject(type, obj);
    sendJson(res, 201, ctx.store.create(type, obj, { dryRun }));
    return;
  }
  throw new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

function patched(
  current: KubeObject,
  patch: any,
  contentType: string,
): KubeObject {
  if (contentType.startsWith('application/merge-patch+json'))
    return mergePatch(current, patch);
  if (contentType.startsWith('application/strategic-merge-patch+json'))
    return strategicMergePatch(current, patch);
  if (contentType.startsWith('application/json-patch+json'))
    return jsonPatch(current, patch);
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
  );
}

/** Keeps status from `current` for main-resource writes, everything else for /status writes. */
function scopeWrite(
  current: KubeObject,
  next: KubeObject,
  subresource: string | undefined,
): KubeObject {
  if (subresource === 'status') return { ...current, status: next.status };
  if (current.kind === 'Node' || current.kind === 'Event') return next;
  const result = { ...next };
  if (current.status === undefined) delete result.status;
  else result.status = current.status;
  return result;
}

async function handleObject(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: Extract<ApiTarget, { kind: 'object' }>,
  query: URLSearchParams,
  body: Buffer,
) {
  const { type, namespace, name, subresource } = target;
  const method = req.method ?? 'GET';
  if (subresource !== undefined && subresource !== 'status') {
    throw new ApiError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    );
  }
  if (type.computed) {
    if (method !== 'GET')
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    const found = ctx
      .computed(type, namespace)
      .find(o => o.metadata.name === name);
    if (!found) throw ApiError.notFound(type.plural, name, type.group);
    sendJson(res, 200, found);
    return;
  }
  const dryRun = method === 'GET' ? false : dryRunOf(query);
  const contentType = req.headers['content-type'] ?? 'application/json';
  switch (method) {
    case 'GET':
      sendJson(res, 200, ctx.store.require(type, namespace, name));
      return;
    case 'PUT': {
      const obj = parseBody(body, contentType);
      checkTypeOf(type, obj);
      checkNamespaceOf(type, obj, namespace);
      if (obj.metadata.name !== name) {
        throw ApiError.badRequest(
          'the name of the object does not match the name on the URL',
        );
      }
      const current = ctx.store.require(type, namespace, name);
      const next = scopeWrite(current, obj, subresource);
      ctx.applyDefaults(type, next, current);
      validateObject(type, next);
      sendJson(
        res,
        200,
        ctx.store.update(type, next, {
          dryRun,
          expectedResourceVersion: obj.metadata.resourceVersion,
        }),
      );
      return;
    }
    case 'PATCH': {
      if (contentType.startsWith('application/apply-patch')) {
        const manager = query.get('fieldManager');
        if (!manager) {
          throw ApiError.badRequest(
            'PATCH, application/apply-patch+yaml requests require fieldManager',
          );
        }
        const applied = parseBody(body, 'yaml');
        checkTypeOf(type, applied);
        if (applied.apiVersion === undefined || applied.kind === undefined) {
          throw ApiError.badRequest(
            'apiVersion and kind must be set in an apply patch',
          );
        }
        checkNamespaceOf(type, applied, namespace);
        if (
          applied.metadata.name !== undefined &&
          applied.metadata.name !== name
        ) {
          throw ApiError.badRequest(
            'the name of the object does not match the name on the URL',
          );
        }
        applied.metadata.name = name;
        const current = ctx.store.get(type, namespace, name);
        const merged = serverSideApply(current, applied, {
          manager,
          apiVersion: apiVersionOf(type),
          now: ctx.now(),
        });
        if (!current) {
          requireNamespace(ctx, type, namespace);
          if (subresource !== 'status') initialStatus(type, merged);
          ctx.applyDefaults(type, merged);
          validateObject(type, merged);
          sendJson(res, 201, ctx.store.create(type, merged, { dryRun }));
          return;
        }
        const next = scopeWrite(current, merged, subresource);
        ctx.applyDefaults(type, next, current);
        validateObject(type, next);
        sendJson(res, 200, ctx.store.update(type, next, { dryRun }));
        return;
      }
      const current = ctx.store.require(type, namespace, name);
      const next = patched(current, parseBody(body, 'json'), contentType);
      if (
        next?.metadata?.name !== name ||
        (type.namespaced && next.metadata.namespace !== namespace)
      ) {
        throw ApiError.badRequest(
          'a patch may not change the name or namespace of an object',
        );
      }
      const scoped = scopeWrite(current, next, subresource);
      ctx.applyDefaults(type, scoped, current);
      validateObject(type, scoped);
      sendJson(res, 200, ctx.store.update(type, scoped, { dryRun }));
      return;
    }
    case 'DELETE': {
      const deleted = ctx.store.delete(type, namespace, name, { dryRun });
      if (!dryRun && type === NAMESPACES) {
        for (const t of RESOURCE_TYPES) {
          if (!t.namespaced || t.computed) continue;
          for (const o of ctx.store.list(t, name))
            ctx.store.delete(t, name, o.metadata.name);
        }
      }
      sendJson(res, 200, deleted);
      return;
    }
    default:
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
  }
}

async function handlePodProxy(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: Extract<ApiTarget, { kind: 'pod-proxy' }>,
  query: URLSearchParams,
) {
  const podType = RESOURCE_TYPES.find(
    t => t.group === '' && t.plural === 'pods',
  )!;
  const pod = ctx.store.require(podType, target.namespace, target.pod);
  const status = (pod as any).status ?? {};
  if (!status.podIP || status.phase !== 'Running') {
    throw new ApiError(
      503,
      'ServiceUnavailable',
      `error trying to reach service: pod ${target.pod} has no running container to proxy to`,
    );
  }
  const answer = await ctx.podProxy({
    pod,
    port: target.port,
    path: target.path,
    query,
    method: req.method ?? 'GET',
  });
  if (answer.hang) return;
  res.writeHead(answer.status, {
    ...answer.headers,
    'Content-Length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

/** Answers one Kubernetes API request (the caller has authenticated it and read its body). */
export async function handleApiRequest(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): Promise<void> {
  try {
    const target = parseApiPath(url.pathname);
    const method = req.method ?? 'GET';
    const readOnly =
      target.kind !== 'collection' &&
      target.kind !== 'object' &&
      target.kind !== 'pod-proxy';
    if (readOnly && method !== 'GET') {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    }
    switch (target.kind) {
      case 'version':
        sendJson(res, 200, VERSION_INFO);
        return;
      case 'health':
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      case 'core-versions':
        sendJson(res, 200, coreVersions(ctx.serverAddress()));
        return;
      case 'group-list':
        sendJson(res, 200, groupList());
        return;
      case 'group':
        sendJson(res, 200, groupInfo(target.group));
        return;
      case 'resource-list':
        sendJson(res, 200, resourceList(target.group, target.version));
        return;
      case 'collection':
        await handleCollection(ctx, req, res, target, url.searchParams, body);
        return;
      case 'object':
        await handleObject(ctx, req, res, target, url.searchParams, body);
        return;
      case 'pod-proxy':
        await handlePodProxy(ctx, req, res, target, url.searchParams);
        return;
      default:
        throw new ApiError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
    }
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof ApiError) {
      sendJson(res, e.code, e.toStatus());
      return;
    }
    sendJson(
      res,
      500,
      new ApiError(
        500,
        'InternalError',
        `Internal error occurred: ${(e as Error).message}`,
      ).toStatus(),
    );
  }
}
