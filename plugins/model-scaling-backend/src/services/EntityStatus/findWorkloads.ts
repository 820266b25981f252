import {
  SlimDeployment,
  SlimHpa,
  SlimNode,
  SlimPod,
  SlimReplicaSet,
  SlimRescaleEvent,
  SlimScaledObject,
} from '@internal/plugin-model-scaling-common';
import { ClusterStore } from '../ClusterWatcher/ObjectStore';
import { EntityTarget } from './entityTarget';
import { matchesLabels } from './labelSelector';

/** The slim records that belong to one Deployment of an entity, from one cluster's cache. */
export interface WorkloadObjects {
  cluster: string;
  deployment: SlimDeployment;
  replicaSets: SlimReplicaSet[];
  pods: SlimPod[];
  /** The nodes the pods run on. */
  nodes: SlimNode[];
  /** HPAs whose scaleTargetRef is the Deployment (including KEDA's own HPA). */
  hpas: SlimHpa[];
  scaledObjects: SlimScaledObject[];
  /** `SuccessfulRescale` events of those HPAs, newest first. */
  events: SlimRescaleEvent[];
}

const KEDA_HPA_PREFIX = 'keda-hpa-';

/**
 * Finds an entity's Deployments in one cluster's cache (labels matched like
 * the Kubernetes plugin does) and gathers everything about each of them
 * through the store's indexes. Reads memory only.
 */
export function findWorkloads(
  cluster: string,
  store: ClusterStore,
  target: EntityTarget,
): WorkloadObjects[] {
  const deploymentStore = store.kind('Deployment');
  // Start from the label index when the selector requires one exact label (the
  // usual `backstage.io/kubernetes-id=<id>`), else scan; the full selector decides.
  const exact = target.selector.requirements.find(
    r => r.op === 'in' && r.values.length === 1,
  );
  const candidates = (exact?.op === 'in' &&
    deploymentStore.byLabel(exact.key, exact.values[0])) || [
    ...deploymentStore.values(),
  ];
  const deployments = candidates.filter(
    d =>
      d.meta.namespace === target.namespace &&
      matchesLabels(target.selector, d.meta.labels),
  );
  deployments.sort((a, b) =>
    `${a.meta.namespace}/${a.meta.name}`.localeCompare(
      `${b.meta.namespace}/${b.meta.name}`,
    ),
  );
  return deployments.map(deployment => gather(cluster, store, deployment));
}

function gather(
  cluster: string,
  store: ClusterStore,
  deployment: SlimDeployment,
): WorkloadObjects {
  const ns = deployment.meta.namespace ?? '';
  const replicaSets = store
    .kind('ReplicaSet')
    .byIndex(`${ns}/${deployment.meta.name}`);
  const pods = replicaSets.flatMap(rs =>
    store.kind('Pod').byIndex(`${ns}/${rs.meta.name}`),
  );
  pods.sort((a, b) => a.meta.name.localeCompare(b.meta.name));

  const nodeStore = store.kind('Node');
  const nodeNames = [
    ...new Set(pods.map(p => p.nodeName).filter(Boolean)),
  ] as string[];
  const nodes = nodeNames
    .map(n => nodeStore.get(n))
    .filter((n): n is SlimNode => !!n);

  const targetsDeployment = (ref: { kind?: string }) =>
    !ref.kind || ref.kind === 'Deployment';
  const scaledObjects = store
    .kind('ScaledObject')
    .byIndex(`${ns}/${deployment.meta.name}`)
    .filter(so => targetsDeployment(so.scaleTargetRef));
  const hpas = store
    .kind('HorizontalPodAutoscaler')
    .byIndex(`${ns}/${deployment.meta.name}`)
    .filter(h => targetsDeployment(h.scaleTargetRef));

  const hpaNames = new Set<string>(hpas.map(h => h.meta.name));
  for (const so of scaledObjects) {
    hpaNames.add(so.status.hpaName ?? `${KEDA_HPA_PREFIX}${so.meta.name}`);
  }
  const events = [...hpaNames]
    .flatMap(name => store.kind('Event').byIndex(`${ns}/${name}`))
    .filter(e => e.involvedObject.kind === 'HorizontalPodAutoscaler');
  events.sort((a, b) => b.time.localeCompare(a.time));

  return {
    cluster,
    deployment,
    replicaSets,
    pods,
    nodes,
    hpas,
    scaledObjects,
    events,
  };
}
