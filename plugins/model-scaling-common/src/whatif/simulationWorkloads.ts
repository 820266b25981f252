import { readManifests } from '../lint/readManifests';
import type { ReadManifestsResult } from '../lint/readManifests';
import { manifestWorkloadStatus } from '../lint/manifestWorkloadStatus';
import { manifestWorkloads } from '../lint/manifestWorkloads';
import { estimateColdStartSeconds } from '../plan/coldStart';
import type { ModelServicePlan } from '../plan/planSchema';
import { renderManifests } from '../render/renderManifests';
import type { WorkloadStatus } from '../types/status';
import type { WhatIfContext } from './whatIfDefaults';

/** A workload to simulate: its status as the backend would assemble it, and what its annotations say. */
export interface SimulationWorkload {
  status: WorkloadStatus;
  context: WhatIfContext;
}

/**
 * The autoscaled Deployments of a repository's manifests (those with an HPA
 * or a ScaledObject), each as the status the Scaling tab would read before
 * any pod runs, with the pattern, latency SLO and cold-start budget from
 * their annotations.
 */
export function simulationWorkloadsFromManifests(
  read: ReadManifestsResult,
): SimulationWorkload[] {
  return manifestWorkloads(read)
    .filter(w => w.hpas.length > 0 || w.scaledObjects.length > 0)
    .map(w => {
      const context: WhatIfContext = {};
      if (w.pattern) context.pattern = w.pattern;
      if (w.latencySloMs !== undefined) context.latencySloMs = w.latencySloMs;
      if (w.coldStartBudgetSeconds !== undefined) {
        context.coldStartBudgetSeconds = w.coldStartBudgetSeconds;
      }
      return { status: manifestWorkloadStatus(w), context };
    });
}

/**
 * The workload a plan deploys, read from its rendered manifests like any
 * repository; without a cold-start budget in the plan, the estimate for its
 * model's size stands in for the measured cold start.
 */
export function simulationWorkloadFromPlan(
  plan: ModelServicePlan,
): SimulationWorkload {
  const [workload] = simulationWorkloadsFromManifests(
    readManifests(renderManifests(plan)),
  );
  if (!workload) {
    throw new Error(
      `The manifests of plan ${plan.name} have no autoscaled Deployment`,
    );
  }
  return {
    status: workload.status,
    context: {
      coldStartBudgetSeconds: estimateColdStartSeconds(
        plan.model.sizeGb,
        plan.model.needsGpu,
      ),
      ...workload.context,
    },
  };
}
