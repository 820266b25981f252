import { ApiError } from './ApiError';
import { ResourceType, findResourceType, groupVersions } from './resources';

/** What a request path addresses. */
export type ApiTarget =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'core-versions' }
  | { kind: 'group-list' }
  | { kind: 'group'; group: string }
  | { kind: 'resource-list'; group: string; version: string }
  | { kind: 'collection'; type: ResourceType; namespace?: string }
  | {
      kind: 'object';
      type: ResourceType;
      namespace?: string;
      name: string;
      subresource?: string;
    }
  | {
      kind: 'pod-proxy';
      namespace: string;
      pod: string;
      port?: number;
      path: string;
    };

const notFound = () =>
  new ApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );

function servedVersion(group: string, version: string): boolean {
  return groupVersions().some(
    gv => gv.group === group && gv.version === version,
  );
}

/** Parses `pod`, `pod:8002` or `https:pod:8002` of a pod proxy path. */
function parseProxyName(text: string): { pod: string; port?: number } {
  const parts = text.split(':');
  const withoutScheme =
    parts[0] === 'http' || parts[0] === 'https' ? parts.slice(1) : parts;
  const [pod, port] = withoutScheme;
  if (port !== undefined && !/^\d+$/.test(port)) {
    throw ApiError.badRequest(`invalid port "${port}" in pod proxy path`);
  }
  return { pod, port: port === undefined ? undefined : Number(port) };
}

function resourcePath(
  group: string,
  version: string,
  rest: string[],
): ApiTarget {
  if (rest.length === 0) return { kind: 'resource-list', group, version };
  const lookup = (plural: string) => {
    const type = findResourceType(group, version, plural);
    if (!type) throw notFound();
    return type;
  };
  const [first, second, third, fourth, fifth, ...tail] = rest;
  const namespacedForm =
    first === 'namespaces' &&
    group === '' &&
    rest.length >= 3 &&
    !(rest.length === 3 && (third === 'status' || third === 'finalize'));
  const namespacedGroupForm =
    first === 'namespaces' && group !== '' && rest.length >= 3;
  if (namespacedForm || namespacedGroupForm) {
    const namespace = decodeURIComponent(second);
    const type = lookup(third);
    if (!type.namespaced) throw notFound();
    if (fourth === undefined) return { kind: 'collection', type, namespace };
    if (type.plural === 'pods' && type.group === '' && fifth === 'proxy') {
      const { pod, port } = parseProxyName(decodeURIComponent(fourth));
      return {
        kind: 'pod-proxy',
        namespace,
        pod,
        port,
        path: `/${tail.map(decodeURIComponent).join('/')}`,
      };
    }
    if (tail.length > 0) throw notFound();
    return {
      kind: 'object',
      type,
      namespace,
      name: decodeURIComponent(fourth),
      subresource: fifth,
    };
  }
  const type = lookup(first);
  if (second === undefined) return { kind: 'collection', type };
  if (type.namespaced || rest.length > 3) throw notFound();
  return {
    kind: 'object',
    type,
    name: decodeURIComponent(second),
    subresource: third,
  };
}

/** Maps a URL path to what it addresses; throws a 404 `ApiError` for unknown paths. */
export function parseApiPath(pathname: string): ApiTarget {
  const clean = pathname.replace(/\/+$/, '') || '/';
  if (clean === '/version') return { kind: 'version' };
  if (clean === '/healthz' || clean === '/readyz' || clean === '/livez') {
    return { kind: 'health' };
  }
  const segments = clean.split('/').filter(s => s.length > 0);
  if (segments[0] === 'api') {
    if (segments.length === 1) return { kind: 'core-versions' };
    if (segments[1] !== 'v1') throw notFound();
    return resourcePath('', 'v1', segments.slice(2));
  }
  if (segments[0] === 'apis') {
    if (segments.length === 1) return { kind: 'group-list' };
    const group = segments[1];
    if (!groupVersions().some(gv => gv.group === group)) throw notFound();
    if (segments.length === 2) return { kind: 'group', group };
    const version = segments[2];
    if (!servedVersion(group, version)) throw notFound();
    return resourcePath(group, version, segments.slice(3));
  }
  throw notFound();
}
