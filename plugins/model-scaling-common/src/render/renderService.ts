import type { ModelServicePlan } from '../plan/planSchema';
import { selectorLabels, serviceLabels } from './labels';
import type { KubernetesObject } from './types';

/** The ClusterIP Service: Triton's HTTP, gRPC and metrics ports, or the server's HTTP port. */
export function renderService(plan: ModelServicePlan): KubernetesObject {
  const ports: Record<string, unknown>[] = [];
  if (plan.app?.port) {
    ports.push({
      name: 'http',
      port: plan.app.port,
      targetPort: 'http',
      protocol: 'TCP',
    });
  }
  if (plan.triton) {
    if (!plan.app?.port) {
      ports.push({
        name: 'http',
        port: 8000,
        targetPort: 'http',
        protocol: 'TCP',
      });
    }
    ports.push(
      { name: 'grpc', port: 8001, targetPort: 'grpc', protocol: 'TCP' },
      { name: 'metrics', port: 8002, targetPort: 'metrics', protocol: 'TCP' },
    );
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      labels: serviceLabels(plan),
    },
    spec: { type: 'ClusterIP', selector: selectorLabels(plan), ports },
  };
}
