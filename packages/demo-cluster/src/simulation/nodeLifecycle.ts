import type { ObjectStore } from '../api/ObjectStore';
import { KINDS, kubeTime } from './kinds';

/**
 * Marks nodes Ready with addresses and the usual pressure conditions, as KWOK's node
 * controller does for fake nodes. Writes only nodes that lack it.
 */
export function keepNodesReady(store: ObjectStore, nowMs: number): void {
  store.list(KINDS.nodes).forEach((node, index) => {
    const status = (node as any).status ?? {};
    if ((status.conditions ?? []).some((c: any) => c.type === 'Ready')) return;
    store.mutate(KINDS.nodes, undefined, node.metadata.name, draft => {
      const s = ((draft as any).status = (draft as any).status ?? {});
      const t = kubeTime(nowMs);
      const condition = (
        type: string,
        value: string,
        reason: string,
        message: string,
      ) => ({
        type,
        status: value,
        lastHeartbeatTime: t,
        lastTransitionTime: t,
        reason,
        message,
      });
      s.conditions = [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        condition(
          'Ready',
          'True',
          'KubeletReady',
          'kubelet is posting ready status',
        ),
      ];
      s.addresses = [
        {
          type: 'InternalIP',
          address: `10.0.${Math.floor(index / 250)}.${(index % 250) + 10}`,
        },
        { type: 'Hostname', address: node.metadata.name },
      ];
      s.allocatable = s.allocatable ?? s.capacity;
      s.phase = 'Running';
      s.daemonEndpoints = { kubeletEndpoint: { Port: 10250 } };
    });
  });
}
