import type {
  AutoscalerView,
  SlimDeployment,
  SlimHpa,
  SlimScaledObject,
} from '../types/status';
import { hpaView, isKedaManagedHpa } from './hpaView';
import { kedaView } from './kedaView';

function sameScope(
  a: { meta: { cluster: string; namespace?: string } },
  b: { meta: { cluster: string; namespace?: string } },
) {
  return (
    a.meta.cluster === b.meta.cluster &&
    (a.meta.namespace ?? '') === (b.meta.namespace ?? '')
  );
}

/** The HPAs whose `scaleTargetRef` is the Deployment. */
export function hpasTargeting(
  deployment: SlimDeployment,
  hpas: readonly SlimHpa[],
): SlimHpa[] {
  return hpas.filter(
    h =>
      sameScope(h, deployment) &&
      h.scaleTargetRef.kind === 'Deployment' &&
      h.scaleTargetRef.name === deployment.meta.name,
  );
}

/** The ScaledObjects whose `scaleTargetRef` is the Deployment (kind defaults to Deployment). */
export function scaledObjectsTargeting(
  deployment: SlimDeployment,
  scaledObjects: readonly SlimScaledObject[],
): SlimScaledObject[] {
  return scaledObjects.filter(
    s =>
      sameScope(s, deployment) &&
      (s.scaleTargetRef.kind ?? 'Deployment') === 'Deployment' &&
      s.scaleTargetRef.name === deployment.meta.name,
  );
}

/** True when `hpa` is the HPA KEDA made for `so` (`status.hpaName`, `keda-hpa-<so>` or the KEDA label). */
export function isHpaOfScaledObject(
  hpa: SlimHpa,
  so: SlimScaledObject,
): boolean {
  return (
    hpa.meta.name === (so.status.hpaName ?? `keda-hpa-${so.meta.name}`) ||
    hpa.meta.labels['scaledobject.keda.sh/name'] === so.meta.name
  );
}

/**
 * Which autoscaler drives a Deployment. A ScaledObject wins and its own HPA
 * (`keda-hpa-<so>`) is shown as part of KEDA; with HPAs only, the HPA. When
 * more than one independent autoscaler targets the Deployment (a plain HPA
 * next to a ScaledObject, two HPAs, ...) they are all listed in `conflicting`
 * as `Kind/name` — they fight over the replica count.
 */
export function autoscalerView(
  deployment: SlimDeployment,
  hpas: readonly SlimHpa[],
  scaledObjects: readonly SlimScaledObject[],
): AutoscalerView {
  return autoscalerViewOfTargets({
    hpas: hpasTargeting(deployment, hpas),
    scaledObjects: scaledObjectsTargeting(deployment, scaledObjects),
  });
}

/**
 * {@link autoscalerView} of autoscalers already resolved to the ones that
 * target the Deployment (as a workload model holds them), so they are not
 * resolved again.
 */
export function autoscalerViewOfTargets(targeting: {
  hpas: readonly SlimHpa[];
  scaledObjects: readonly SlimScaledObject[];
}): AutoscalerView {
  const byName = <T extends { meta: { name: string } }>(a: T, b: T) =>
    a.meta.name.localeCompare(b.meta.name);
  const targetingHpas = [...targeting.hpas].sort(byName);
  const targetingSos = [...targeting.scaledObjects].sort(byName);
  const independentHpas = targetingHpas.filter(
    h => !targetingSos.some(so => isHpaOfScaledObject(h, so)),
  );
  const independent = [
    ...targetingSos.map(s => `ScaledObject/${s.meta.name}`),
    ...independentHpas.map(h => `HorizontalPodAutoscaler/${h.meta.name}`),
  ];
  const conflicting = independent.length > 1 ? independent : [];

  if (targetingSos.length > 0) {
    const so = targetingSos[0];
    const own = targetingHpas.find(h => isHpaOfScaledObject(h, so));
    const view: AutoscalerView = {
      type: 'keda',
      keda: kedaView(so),
      conflicting,
    };
    if (own) view.hpa = { ...hpaView(own), managedByKeda: true };
    return view;
  }
  if (independentHpas.length > 0) {
    const primary =
      independentHpas.find(h => !isKedaManagedHpa(h)) ?? independentHpas[0];
    return { type: 'hpa', hpa: hpaView(primary), conflicting };
  }
  return { type: 'none', conflicting };
}
