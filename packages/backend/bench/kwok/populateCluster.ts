/*
 * Fills namespace `synthetic` of a real cluster with N synthetic services (Deployment + HPA,
 * syntheticWorkloads.ts) through @kubernetes/client-node, at most `inFlight` requests at a time,
 * and waits until all their pods are Running and Ready on the KWOK nodes.
 */
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { syntheticName, syntheticWorkload } from './syntheticWorkloads';

const NAMESPACE = 'synthetic';

async function inParallel(
  count: number,
  inFlight: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const isConflict = (error: unknown) =>
  (error as { code?: number }).code === 409;

/** Creates the services (existing ones are kept) and waits for their pods. */
export async function populateCluster(
  kc: KubeConfig,
  options: { services: number; podsPerService: number; inFlight?: number },
  log: (message: string) => void,
): Promise<{ createSeconds: number; readySeconds: number }> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const autoscaling = kc.makeApiClient(AutoscalingV2Api);
  const t0 = Date.now();
  await core
    .createNamespace({ body: { metadata: { name: NAMESPACE } } })
    .catch(error => {
      if (!isConflict(error)) throw error;
    });
  await inParallel(options.services, options.inFlight ?? 32, async i => {
    const name = syntheticName(i, options.services);
    const { deployment, hpa } = syntheticWorkload(
      name,
      NAMESPACE,
      options.podsPerService,
    );
    await apps
      .createNamespacedDeployment({ namespace: NAMESPACE, body: deployment })
      .catch(error => {
        if (!isConflict(error)) throw error;
      });
    await autoscaling
      .createNamespacedHorizontalPodAutoscaler({
        namespace: NAMESPACE,
        body: hpa,
      })
      .catch(error => {
        if (!isConflict(error)) throw error;
      });
  });
  const createSeconds = (Date.now() - t0) / 1000;
  log(
    `created ${
      options.services
    } Deployments and HPAs in ${createSeconds.toFixed(1)} s`,
  );
  const want = options.services * options.podsPerService;
  for (;;) {
    const pods = await core.listNamespacedPod({ namespace: NAMESPACE });
    const ready = pods.items.filter(
      p =>
        p.status?.phase === 'Running' &&
        p.status.conditions?.some(
          c => c.type === 'Ready' && c.status === 'True',
        ),
    ).length;
    if (ready >= want) break;
    if (Date.now() - t0 > 900_000)
      throw new Error(`only ${ready} of ${want} pods Ready after 15 min`);
    log(`${ready} / ${want} pods Ready`);
    await new Promise(r => setTimeout(r, 5000));
  }
  const readySeconds = (Date.now() - t0) / 1000;
  log(`${want} pods Running and Ready after ${readySeconds.toFixed(1)} s`);
  return { createSeconds, readySeconds };
}
