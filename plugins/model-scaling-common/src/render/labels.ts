import type { ModelServicePlan } from '../plan/planSchema';

/** Labels every object of a service carries; the Kubernetes plugin matches on `backstage.io/kubernetes-id`. */
export function serviceLabels(plan: ModelServicePlan): Record<string, string> {
  return {
    'backstage.io/kubernetes-id': plan.name,
    'app.kubernetes.io/name': plan.name,
  };
}

/** The Deployment's selector: the one label that never changes. */
export function selectorLabels(plan: ModelServicePlan): Record<string, string> {
  return { 'app.kubernetes.io/name': plan.name };
}

/** `model-server` for services that answer requests, `consumer` for queue workers. */
export function componentLabel(plan: ModelServicePlan): string {
  return plan.pattern === 'async-batch' ? 'consumer' : 'model-server';
}
