/*
 * The demo cluster's synthetic CPU services (packages/demo-cluster/src/simulation/synthetic.ts,
 * syntheticObjects) as real objects: a Deployment `model-NNNN` with `podsPerService` replicas
 * and an HPA with min = max = `podsPerService`, the same labels and annotations, so both plugins
 * find them by `backstage.io/kubernetes-id`.
 */

/** Name of the i-th synthetic service among `count` (`model-0000` …). */
export function syntheticName(i: number, count: number): string {
  return `model-${String(i).padStart(String(count).length, '0')}`;
}

/** The Deployment and HPA of one synthetic service. */
export function syntheticWorkload(
  name: string,
  namespace: string,
  podsPerService: number,
) {
  const labels = {
    'backstage.io/kubernetes-id': name,
    'app.kubernetes.io/name': name,
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels,
      annotations: { 'model-scaling.io/pattern': 'realtime-cpu' },
    },
    spec: {
      replicas: podsPerService,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'server',
              image: 'ghcr.io/acme-ml/synthetic-model:1.0.0',
              ports: [{ containerPort: 8080 }],
              resources: {
                requests: { cpu: '250m', memory: '512Mi' },
                limits: { memory: '512Mi' },
              },
            },
          ],
        },
      },
    },
  };
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: podsPerService,
      maxReplicas: podsPerService,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
  };
  return { deployment, hpa };
}
