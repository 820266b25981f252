import type { Finding } from '../types/status';
import type { ManifestObject, ReadManifestsResult } from './readManifests';
import type { ManifestWorkload } from './manifestWorkloads';

/*
 * Checks that only a repository's files can answer: objects the API server
 * or Triton would refuse, references between files, and the labels the
 * Scaling tab matches on. Scaling pitfalls of a workload are the findings
 * rules' job (`evaluateFindings`), not repeated here.
 */

const KUBERNETES_ID = 'backstage.io/kubernetes-id';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function namespaceOf(o: ManifestObject): string {
  const ns = record(o.raw.metadata).namespace;
  return typeof ns === 'string' ? ns : '';
}

function at(o: ManifestObject): string {
  return `${o.path} line ${o.line}`;
}

function apiVersionFindings(objects: ManifestObject[]): Finding[] {
  const out: Finding[] = [];
  for (const o of objects) {
    const subject = `${o.kind}/${o.name}`;
    if (
      o.kind === 'HorizontalPodAutoscaler' &&
      /^autoscaling\/v2beta[12]$/.test(o.apiVersion)
    ) {
      out.push({
        id: 'hpa-api-version-removed',
        severity: 'error',
        title: `${subject} uses ${o.apiVersion}, which Kubernetes no longer serves`,
        evidence: `${at(o)}: apiVersion ${
          o.apiVersion
        } was removed in Kubernetes 1.25 (v2beta1) and 1.26 (v2beta2).`,
        fix: 'Use apiVersion autoscaling/v2; the fields are the same except for the metric targets.',
        subject,
      });
    } else if (
      o.kind === 'HorizontalPodAutoscaler' &&
      o.apiVersion === 'autoscaling/v1'
    ) {
      out.push({
        id: 'hpa-api-version-v1',
        severity: 'warning',
        title: `${subject} uses autoscaling/v1: CPU only, no memory or custom metrics, no behavior`,
        evidence: `${at(
          o,
        )}: apiVersion autoscaling/v1 cannot express memory targets or an explicit scale-down window.`,
        fix: 'Use apiVersion autoscaling/v2 with explicit metrics and behavior.',
        subject,
      });
    } else if (
      (o.kind === 'ScaledObject' || o.kind === 'TriggerAuthentication') &&
      o.apiVersion !== 'keda.sh/v1alpha1'
    ) {
      out.push({
        id: 'keda-api-version',
        severity: 'error',
        title: `${subject} has apiVersion ${o.apiVersion}; KEDA serves keda.sh/v1alpha1`,
        evidence: `${at(o)}: apiVersion ${o.apiVersion}.`,
        fix: 'Use apiVersion keda.sh/v1alpha1.',
        subject,
      });
    }
  }
  return out;
}

function referenceFindings(objects: ManifestObject[]): Finding[] {
  const out: Finding[] = [];
  const has = (kind: string, name: string, ns: string) =>
    objects.some(
      o => o.kind === kind && o.name === name && namespaceOf(o) === ns,
    );
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler' && o.kind !== 'ScaledObject')
      continue;
    const spec = record(o.raw.spec);
    const ref = record(spec.scaleTargetRef);
    const kind = typeof ref.kind === 'string' ? ref.kind : 'Deployment';
    const name = typeof ref.name === 'string' ? ref.name : '';
    const subject = `${o.kind}/${o.name}`;
    if (kind === 'Deployment' && !has('Deployment', name, namespaceOf(o))) {
      out.push({
        id: 'autoscaler-target-missing',
        severity: 'error',
        title: `${subject} scales Deployment ${
          name || '(no name)'
        }, which is not in these manifests`,
        evidence: `${at(o)}: scaleTargetRef ${kind}/${
          name || '(empty)'
        } in namespace ${
          namespaceOf(o) || '(default)'
        }; no such Deployment was found.`,
        fix: 'Point scaleTargetRef at the service’s Deployment (same name and namespace).',
        subject,
      });
    }
    if (o.kind !== 'ScaledObject') continue;
    const triggers = Array.isArray(spec.triggers) ? spec.triggers : [];
    for (const t of triggers.map(record)) {
      const auth = record(t.authenticationRef);
      const authName = typeof auth.name === 'string' ? auth.name : undefined;
      const authKind =
        typeof auth.kind === 'string' ? auth.kind : 'TriggerAuthentication';
      if (
        authName &&
        authKind === 'TriggerAuthentication' &&
        !has('TriggerAuthentication', authName, namespaceOf(o))
      ) {
        out.push({
          id: 'trigger-authentication-missing',
          severity: 'warning',
          title: `${subject} refers to TriggerAuthentication ${authName}, which is not in these manifests`,
          evidence: `${at(o)}: trigger ${String(
            t.type,
          )} has authenticationRef ${authName}.`,
          fix: `Add TriggerAuthentication ${authName} next to the ScaledObject, or make sure it exists in the namespace; without it the trigger fails and KEDA reports TriggerError.`,
          subject,
        });
      }
    }
  }
  return out;
}

function containerFindings(objects: ManifestObject[]): Finding[] {
  const out: Finding[] = [];
  for (const o of objects) {
    if (o.kind !== 'Deployment') continue;
    const podSpec = record(record(record(o.raw.spec).template).spec);
    const containers = Array.isArray(podSpec.containers)
      ? podSpec.containers.map(record)
      : [];
    for (const c of containers) {
      const resources = record(c.resources);
      const requests = record(resources.requests);
      const limits = record(resources.limits);
      for (const [name, value] of Object.entries(requests)) {
        if (!name.startsWith('nvidia.com/')) continue;
        if (
          limits[name] === undefined ||
          String(limits[name]) !== String(value)
        ) {
          out.push({
            id: 'gpu-limit-mismatch',
            severity: 'error',
            title: `Container ${String(c.name)} of Deployment/${
              o.name
            } requests ${name} without an equal limit`,
            evidence: `${at(o)}: requests ${name}=${String(
              value,
            )}, limits ${name}=${
              limits[name] === undefined ? 'unset' : String(limits[name])
            }. The API server rejects extended resources whose request and limit differ.`,
            fix: `Set limits.${name} to ${String(
              value,
            )} (or set only the limit).`,
            subject: `Deployment/${o.name}`,
          });
        }
      }
    }
  }
  return out;
}

function workloadFindings(
  workloads: ManifestWorkload[],
  objects: ManifestObject[],
): Finding[] {
  const out: Finding[] = [];
  for (const w of workloads) {
    const d = w.deployment;
    const subject = `Deployment/${d.meta.name}`;
    const source = objects.find(
      o => o.kind === 'Deployment' && o.name === d.meta.name,
    );
    const where = source ? `${at(source)}: ` : '';
    const mismatched = Object.entries(d.selector).filter(
      ([k, v]) => d.template.labels[k] !== v,
    );
    if (mismatched.length > 0 || Object.keys(d.selector).length === 0) {
      out.push({
        id: 'deployment-selector-mismatch',
        severity: 'error',
        title: `${subject}: the selector does not match the pod template's labels`,
        evidence: `${where}selector ${JSON.stringify(
          d.selector,
        )}, template labels ${JSON.stringify(d.template.labels)}.`,
        fix: 'Make every selector label appear, with the same value, in spec.template.metadata.labels.',
        subject,
      });
    }
    const id = d.meta.labels[KUBERNETES_ID];
    if (id === undefined || d.template.labels[KUBERNETES_ID] !== id) {
      out.push({
        id: 'kubernetes-id-label-missing',
        severity: 'warning',
        title: `${subject} or its pods lack the ${KUBERNETES_ID} label`,
        evidence: `${where}Deployment label ${
          id ?? 'unset'
        }, pod template label ${
          d.template.labels[KUBERNETES_ID] ?? 'unset'
        }. The Kubernetes plugin and the Scaling tab find a service's objects by this label.`,
        fix: `Set ${KUBERNETES_ID}: <entity name> on the Deployment and in spec.template.metadata.labels.`,
        subject,
      });
    }
    for (const c of w.tritonConfigs) {
      const config = c.config;
      const db = config.dynamicBatching;
      const tooLarge =
        db?.preferredBatchSize.filter(s => s > config.maxBatchSize) ?? [];
      if (tooLarge.length > 0) {
        out.push({
          id: 'triton-preferred-batch-size-invalid',
          severity: 'error',
          title: `Triton will not load ${c.model}: a preferred batch size exceeds max_batch_size`,
          evidence: `${c.path}: preferred_batch_size ${tooLarge.join(
            ', ',
          )} > max_batch_size ${
            config.maxBatchSize
          } ("dynamic batching preferred size must be <= max batch size").`,
          fix:
            config.maxBatchSize === 0
              ? 'The model does not batch (max_batch_size 0): remove dynamic_batching, or raise max_batch_size.'
              : `Raise max_batch_size to ${Math.max(
                  ...tooLarge,
                )} or drop the larger preferred sizes.`,
          subject: `model/${c.model}`,
        });
      }
    }
  }
  return out;
}

function serviceFindings(
  read: ReadManifestsResult,
  workloads: ManifestWorkload[],
): Finding[] {
  const out: Finding[] = [];
  for (const s of read.slim) {
    if (s.kind !== 'Service' || Object.keys(s.selector).length === 0) continue;
    if (!workloads.some(w => w.services.includes(s))) {
      out.push({
        id: 'service-selects-nothing',
        severity: 'warning',
        title: `Service/${s.meta.name} selects no pods of these Deployments`,
        evidence: `selector ${JSON.stringify(
          s.selector,
        )} matches no Deployment's pod template in namespace ${
          s.meta.namespace ?? '(default)'
        }.`,
        fix: 'Use the Deployment’s selector labels (app.kubernetes.io/name) as the Service selector.',
        subject: `Service/${s.meta.name}`,
      });
    }
  }
  return out;
}

/** Repository checks: API versions, references between files, labels, GPU limits, Triton config validity. */
export function specChecks(
  read: ReadManifestsResult,
  workloads: ManifestWorkload[],
): Finding[] {
  return [
    ...apiVersionFindings(read.objects),
    ...referenceFindings(read.objects),
    ...containerFindings(read.objects),
    ...workloadFindings(workloads, read.objects),
    ...serviceFindings(read, workloads),
  ];
}
