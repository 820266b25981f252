import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { ClusterConfig } from './types';
import { readWriteTargets } from './readWriteTargets';

const readClusters: ClusterConfig[] = [
  {
    name: 'prod',
    url: 'https://k8s.example.com',
    auth: { type: 'serviceAccount', token: 'read-token' },
    skipTLSVerify: false,
    caData: 'UkVBRC1DQQ==',
  },
];

function read(targets: JsonValue[], files: Record<string, string> = {}) {
  return readWriteTargets(
    new ConfigReader({ modelScaling: { scaffolder: { targets } } }),
    {
      readClusters,
      readTokenFile: path => {
        if (!(path in files)) throw new Error('ENOENT');
        return files[path];
      },
    },
  );
}

describe('readWriteTargets', () => {
  it('reads a target with its own token and takes URL and CA from the read cluster of its name', () => {
    expect(
      read([
        {
          cluster: 'prod',
          namespaces: ['ml-serving', 'ml-sandbox'],
          serviceAccountToken: 'write-token',
        },
      ]),
    ).toEqual([
      {
        cluster: 'prod',
        namespaces: ['ml-serving', 'ml-sandbox'],
        connection: {
          name: 'prod',
          url: 'https://k8s.example.com',
          skipTLSVerify: false,
          caData: 'UkVBRC1DQQ==',
          caFile: undefined,
          auth: { type: 'serviceAccount', token: 'write-token' },
        },
      },
    ]);
  });

  it('reads a target with its own URL and CA file, a token file, and in-cluster credentials', () => {
    const [own, inCluster] = read(
      [
        {
          cluster: 'edge',
          url: 'https://edge.example.com:6443/',
          caFile: '/etc/edge-ca.pem',
          namespaces: ['ml-serving'],
          serviceAccountTokenFile: '/var/run/secrets/apply/token',
        },
        { cluster: 'prod', namespaces: ['ml-serving'], inCluster: true },
      ],
      {
        '/var/run/secrets/apply/token': 'edge-write',
        '/var/run/secrets/kubernetes.io/serviceaccount/token': 'pod-token',
      },
    );
    expect(own.connection).toEqual({
      name: 'edge',
      url: 'https://edge.example.com:6443',
      skipTLSVerify: false,
      caFile: '/etc/edge-ca.pem',
      caData: undefined,
      auth: {
        type: 'serviceAccountTokenFile',
        tokenFile: '/var/run/secrets/apply/token',
      },
    });
    expect(inCluster.connection.auth).toEqual({
      type: 'serviceAccountTokenFile',
      tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    });
  });

  it('write identity: refuses a target without credentials of its own instead of falling back to the read token', () => {
    expect(() =>
      read([{ cluster: 'prod', namespaces: ['ml-serving'] }]),
    ).toThrow(
      "Invalid config at modelScaling.scaffolder.targets[0]: target 'prod' has no write identity; set serviceAccountToken, serviceAccountTokenFile or inCluster: true",
    );
  });

  it('write identity: refuses the read token of kubernetes.clusterLocatorMethods, given directly or through a file', () => {
    expect(() =>
      read([
        {
          cluster: 'prod',
          namespaces: ['ml-serving'],
          serviceAccountToken: 'read-token',
        },
      ]),
    ).toThrow(
      "Invalid config at modelScaling.scaffolder.targets[0].serviceAccountToken: the write identity of 'prod' is the read token of kubernetes.clusterLocatorMethods",
    );
    expect(() =>
      read(
        [
          {
            cluster: 'prod',
            namespaces: ['ml-serving'],
            serviceAccountTokenFile: '/t',
          },
        ],
        { '/t': 'read-token' },
      ),
    ).toThrow(/targets\[0\]\.serviceAccountTokenFile: the write identity/);
  });

  it('names the key and the rule of every other mistake', () => {
    expect(() =>
      read([
        {
          cluster: 'prod',
          namespaces: ['ml-serving'],
          serviceAccountToken: 'a',
          inCluster: true,
        },
      ]),
    ).toThrow(
      'set only one of serviceAccountToken, serviceAccountTokenFile and inCluster, got serviceAccountToken, inCluster',
    );
    expect(() =>
      read([{ cluster: 'prod', namespaces: [], serviceAccountToken: 'a' }]),
    ).toThrow('targets[0].namespaces: list at least one namespace');
    expect(() =>
      read([
        {
          cluster: 'prod',
          namespaces: ['ml-serving', 'Kube_System'],
          serviceAccountToken: 'a',
        },
      ]),
    ).toThrow(
      "targets[0].namespaces[1]: 'Kube_System' is not a namespace name (a DNS-1123 label)",
    );
    expect(() =>
      read([{ cluster: 'other', namespaces: ['a'], serviceAccountToken: 'a' }]),
    ).toThrow(
      "targets[0].url: target 'other' is not a cluster of kubernetes.clusterLocatorMethods, so it needs its own url",
    );
    expect(() =>
      read([
        { cluster: 'prod', namespaces: ['a'], serviceAccountToken: 'a' },
        { cluster: 'prod', namespaces: ['b'], serviceAccountToken: 'a' },
      ]),
    ).toThrow("targets[1].cluster: duplicate target cluster 'prod'");
    expect(() =>
      read([
        {
          cluster: 'prod',
          namespaces: ['a'],
          serviceAccountTokenFile: '/missing',
        },
      ]),
    ).toThrow(
      'targets[0].serviceAccountTokenFile: cannot read the token file /missing: ENOENT',
    );
  });

  it('reads no targets when none are configured', () => {
    expect(read([])).toEqual([]);
  });
});
