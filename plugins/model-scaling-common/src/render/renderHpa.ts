import type { ModelServicePlan } from '../plan/planSchema';
import { renderBehavior } from './behavior';
import { serviceLabels } from './labels';
import type { KubernetesObject } from './types';

/** The autoscaling/v2 HPA of a realtime-cpu plan: CPU and memory utilization, explicit behavior. */
export function renderHpa(plan: ModelServicePlan): KubernetesObject {
  const a = plan.autoscaler;
  if (a.kind !== 'hpa') {
    throw new Error(`Plan ${plan.name} scales with KEDA, not a plain HPA`);
  }
  const utilization = (name: string, averageUtilization: number) => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization } },
  });
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      labels: serviceLabels(plan),
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: plan.name,
      },
      minReplicas: plan.replicas.min,
      maxReplicas: plan.replicas.max,
      metrics: [
        utilization('cpu', a.cpuTargetUtilization),
        utilization('memory', a.memoryTargetUtilization),
      ],
      behavior: renderBehavior(a.behavior),
    },
  };
}
