// long-file: Deployment and ReplicaSet controllers share their reconcile helpers.
import type { KubeObject } from '../api/ObjectStore';
import { requirementsFromLabelSelector, matchesLabels } from '../api/selectors';
import { KINDS, kubeTime } from './kinds';
import { podFromTemplate, podTemplateHash } from './podTemplate';
import { NAME_ALPHABET } from './rng';
import type { SimContext } from './SimContext';

const isTerminating = (pod: KubeObject) => !!pod.metadata.deletionTimestamp;
const isReady = (pod: any) =>
  (pod.status?.conditions ?? []).some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  );

/**
 * The Deployment controller, reduced to what the demo needs: one ReplicaSet per pod
 * template (named `<deployment>-<pod-template-hash>`) scaled to the Deployment's replicas;
 * ReplicaSets of older templates are scaled to zero (a rollout without surge).
 */
export function reconcileDeployments(
  ctx: SimContext,
  dirty: Set<string>,
): void {
  const { store } = ctx;
  for (const d of store.list(KINDS.deployments) as any[]) {
    if (!dirty.has(d.metadata.uid)) continue;
    const replicas = d.spec?.replicas ?? 1;
    const hash = podTemplateHash(d.spec.template);
    const name = `${d.metadata.name}-${hash}`;
    const owned = ctx.owners.childrenOf(d.metadata.uid);
    for (const old of owned) {
      if (old.metadata.name !== name && (old as any).spec.replicas !== 0) {
        store.mutate(
          KINDS.replicaSets,
          old.metadata.namespace,
          old.metadata.name,
          draft => {
            (draft as any).spec.replicas = 0;
          },
        );
      }
    }
    const current = store.get(
      KINDS.replicaSets,
      d.metadata.namespace,
      name,
    ) as any;
    const annotations = {
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(replicas + 1),
      'deployment.kubernetes.io/revision': String(
        current?.metadata.annotations?.['deployment.kubernetes.io/revision'] ??
          owned.length + 1,
      ),
    };
    if (!current) {
      const labels = {
        ...(d.spec.template.metadata?.labels ?? {}),
        'pod-template-hash': hash,
      };
      store.create(KINDS.replicaSets, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: d.metadata.namespace,
          labels,
          annotations,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: d.metadata.name,
              uid: d.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas,
          selector: {
            ...d.spec.selector,
            matchLabels: {
              ...(d.spec.selector?.matchLabels ?? {}),
              'pod-template-hash': hash,
            },
          },
          template: {
            ...d.spec.template,
            metadata: { ...(d.spec.template.metadata ?? {}), labels },
          },
        },
        status: { replicas: 0, observedGeneration: 1 },
      });
    } else if (
      current.spec.replicas !== replicas ||
      current.metadata.annotations?.[
        'deployment.kubernetes.io/desired-replicas'
      ] !== String(replicas)
    ) {
      store.mutate(KINDS.replicaSets, d.metadata.namespace, name, draft => {
        (draft as any).spec.replicas = replicas;
        draft.metadata.annotations = {
          ...(draft.metadata.annotations ?? {}),
          ...annotations,
        };
      });
    }
  }
}

/** Picks the pods a ReplicaSet removes first: unscheduled, pending, not ready, then newest. */
function deletionOrder(pods: any[]): any[] {
  const rank = (p: any) => {
    if (!p.spec.nodeName) return 0;
    if (p.status?.phase === 'Pending') return 1;
    return isReady(p) ? 3 : 2;
  };
  return [...pods].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Date.parse(b.metadata.creationTimestamp) -
        Date.parse(a.metadata.creationTimestamp) ||
      b.metadata.name.localeCompare(a.metadata.name),
  );
}

/**
 * The ReplicaSet controller: creates pods from the template up to `spec.replicas`, and
 * marks surplus pods terminating (they disappear after a short grace period).
 * Also writes ReplicaSet status.
 */
export function reconcileReplicaSets(
  ctx: SimContext,
  dirty: Set<string>,
): void {
  const { store } = ctx;
  const now = ctx.now();
  for (const rs of store.list(KINDS.replicaSets) as any[]) {
    if (!dirty.has(rs.metadata.uid)) continue;
    const pods = ctx.owners.childrenOf(rs.metadata.uid) as any[];
    const active = pods.filter(p => !isTerminating(p));
    const want = rs.spec.replicas ?? 1;
    const hash =
      rs.metadata.labels?.['pod-template-hash'] ??
      podTemplateHash(rs.spec.template);
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        let name = '';
        do {
          name = `${rs.metadata.name}-${ctx.rng.string(5, NAME_ALPHABET)}`;
        } while (store.get(KINDS.pods, rs.metadata.namespace, name));
        const pod = store.create(
          KINDS.pods,
          podFromTemplate({ replicaSet: rs, name, templateHash: hash }),
          { owned: true },
        );
        active.push(pod);
      }
    } else if (active.length > want) {
      const victims = deletionOrder(active).slice(0, active.length - want);
      for (const victim of victims) {
        const grace = victim.spec.terminationGracePeriodSeconds ?? 30;
        store.mutate(
          KINDS.pods,
          victim.metadata.namespace,
          victim.metadata.name,
          draft => {
            draft.metadata.deletionTimestamp = kubeTime(now + grace * 1000);
            draft.metadata.deletionGracePeriodSeconds = grace;
          },
        );
        const runtime = ctx.pods.get(victim.metadata.uid);
        if (runtime)
          runtime.goneAt = now + Math.min(grace, ctx.rng.between(2, 8)) * 1000;
        else
          store.delete(
            KINDS.pods,
            victim.metadata.namespace,
            victim.metadata.name,
          );
      }
      const gone = new Set(victims.map(v => v.metadata.uid));
      active.splice(
        0,
        active.length,
        ...active.filter(p => !gone.has(p.metadata.uid)),
      );
    }
    const current = active;
    const selector = requirementsFromLabelSelector(rs.spec.selector);
    const ready = current.filter(isReady).length;
    const status = {
      replicas: current.length,
      fullyLabeledReplicas: current.filter(p =>
        matchesLabels(selector, p.metadata.labels),
      ).length,
      ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (JSON.stringify(rs.status) !== JSON.stringify(status)) {
      store.mutate(
        KINDS.replicaSets,
        rs.metadata.namespace,
        rs.metadata.name,
        draft => {
          (draft as any).status = status;
        },
      );
    }
  }
}

/** Writes Deployment status from its ReplicaSets' pods (replicas, ready, available, conditions). */
export function updateDeploymentStatus(
  ctx: SimContext,
  dirty: Set<string>,
): void {
  const { store } = ctx;
  const time = kubeTime(ctx.now());
  for (const d of store.list(KINDS.deployments) as any[]) {
    if (!dirty.has(d.metadata.uid)) continue;
    const hash = podTemplateHash(d.spec.template);
    const sets = ctx.owners.childrenOf(d.metadata.uid);
    const all = sets
      .flatMap(rs => ctx.owners.childrenOf(rs.metadata.uid!) as any[])
      .filter(p => !isTerminating(p));
    const updated = all.filter(
      p => p.metadata.labels?.['pod-template-hash'] === hash,
    );
    const ready = all.filter(isReady).length;
    const want = d.spec.replicas ?? 1;
    const previous = d.status ?? {};
    const condition = (
      type: string,
      status: string,
      reason: string,
      message: string,
    ) => {
      const old = (previous.conditions ?? []).find((c: any) => c.type === type);
      const same = old && old.status === status && old.reason === reason;
      return {
        type,
        status,
        lastUpdateTime: same ? old.lastUpdateTime : time,
        lastTransitionTime:
          old && old.status === status ? old.lastTransitionTime : time,
        reason,
        message,
      };
    };
    const rsName = `${d.metadata.name}-${hash}`;
    const available = ready >= want || ready >= 1;
    const status: Record<string, unknown> = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: all.length,
      updatedReplicas: updated.length,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(want - ready > 0 ? { unavailableReplicas: want - ready } : {}),
      conditions: [
        condition(
          'Available',
          available || want === 0 ? 'True' : 'False',
          available || want === 0
            ? 'MinimumReplicasAvailable'
            : 'MinimumReplicasUnavailable',
          available || want === 0
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
        ),
        condition(
          'Progressing',
          'True',
          updated.length >= want && ready >= want
            ? 'NewReplicaSetAvailable'
            : 'ReplicaSetUpdated',
          updated.length >= want && ready >= want
            ? `ReplicaSet "${rsName}" has successfully progressed.`
            : `ReplicaSet "${rsName}" is progressing.`,
        ),
      ],
    };
    for (const key of [
      'readyReplicas',
      'availableReplicas',
      'replicas',
      'updatedReplicas',
    ]) {
      if (status[key] === 0) delete status[key];
    }
    if (JSON.stringify(previous) !== JSON.stringify(status)) {
      store.mutate(
        KINDS.deployments,
        d.metadata.namespace,
        d.metadata.name,
        draft => {
          (draft as any).status = status;
        },
      );
    }
  }
}
