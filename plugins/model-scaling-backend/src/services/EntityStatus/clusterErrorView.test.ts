import fc from 'fast-check';
import { clusterErrorMessage, shortClusterReason } from './clusterErrorView';

describe('clusterErrorView', () => {
  it.each([
    [
      'Deployment: GET /apis/apps/v1/deployments?limit=500: HTTP 401 Unauthorized',
      'the cluster does not accept the backend’s credentials',
    ],
    [
      'Pod in ml: GET /api/v1/namespaces/ml/pods: HTTP 403 Forbidden: pods is forbidden: User "system:serviceaccount:x" cannot list',
      'the backend’s service account may not read these objects',
    ],
    [
      'Pod: watch /api/v1/pods: no response headers within 10000 ms',
      'the cluster’s API server does not answer in time',
    ],
    [
      'Node: GET /api/v1/nodes?limit=500: ECONNREFUSED connect ECONNREFUSED 10.1.2.3:6443',
      'the cluster’s API server cannot be reached',
    ],
    [
      'Service: GET /api/v1/services: HTTP 503 Service Unavailable',
      'the cluster’s API server answers with errors',
    ],
    ['something else entirely', 'the cluster cannot be read right now'],
  ])('gives a short reason for %s', (raw, reason) => {
    expect(shortClusterReason(raw)).toBe(reason);
  });

  it('keeps the raw text only for callers with cluster details', () => {
    const raw = 'caFile /etc/secret/ca.pem cannot be read';
    expect(clusterErrorMessage(raw, { clusterDetails: true }, true)).toBe(raw);
    expect(clusterErrorMessage(raw, { clusterDetails: false }, true)).toBe(
      'the cluster is not configured correctly',
    );
  });

  it('never repeats any part of the raw error to callers without cluster details', () => {
    const reasons = new Set(
      ['HTTP 401', 'HTTP 403', 'timed out', 'ECONNREFUSED', 'HTTP 500', ''].map(
        r => shortClusterReason(r),
      ),
    );
    reasons.add(shortClusterReason('', true));
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (raw, configError) => {
        const message = clusterErrorMessage(
          raw,
          { clusterDetails: false },
          configError,
        );
        // One of a fixed set of sentences, whatever the input.
        expect(reasons.has(message)).toBe(true);
      }),
    );
  });
});
