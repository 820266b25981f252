import {
  RESOURCE_TYPES,
  ResourceType,
  groupVersions,
  verbsOf,
} from './resources';

/** What `/version` answers. */
export const VERSION_INFO = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.0-demo',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const groupVersionOf = (group: string, version: string) =>
  group ? `${group}/${version}` : version;

/** `GET /api`. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string) {
  const versions = groupVersions()
    .filter(gv => gv.group === group)
    .map(gv => ({
      groupVersion: groupVersionOf(group, gv.version),
      version: gv.version,
    }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** `GET /apis`. */
export function groupList() {
  const groups = [...new Set(groupVersions().map(gv => gv.group))].filter(
    g => g !== '',
  );
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(apiGroup),
  };
}

/** `GET /apis/<group>`. */
export function groupInfo(group: string) {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
}

function resourceEntries(type: ResourceType) {
  const main = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: verbsOf(type),
    ...(type.shortNames ? { shortNames: type.shortNames } : {}),
  };
  const subresources: object[] = [];
  if (!type.computed && type.plural !== 'events') {
    subresources.push({
      name: `${type.plural}/status`,
      singularName: '',
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (type.group === '' && type.plural === 'pods') {
    subresources.push({
      name: 'pods/proxy',
      singularName: '',
      namespaced: true,
      kind: 'PodProxyOptions',
      verbs: ['create', 'delete', 'get', 'patch', 'update'],
    });
  }
  return [main, ...subresources];
}

/** `GET /api/v1` or `GET /apis/<group>/<version>`. */
export function resourceList(group: string, version: string) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf(group, version),
    resources: RESOURCE_TYPES.filter(
      t => t.group === group && t.version === version,
    ).flatMap(resourceEntries),
  };
}
