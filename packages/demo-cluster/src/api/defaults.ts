import { defaultHpaBehavior } from '../simulation/hpaSpecDefaults';
import type { KubeObject } from './ObjectStore';
import type { ResourceType } from './resources';

/** Allocates Service cluster IPs from 10.96.0.0/12, like the API server's allocator. */
export class ClusterIpAllocator {
  private next = 10;
  private readonly used = new Set<string>();

  allocate(): string {
    for (;;) {
      const n = this.next++;
      const ip = `10.96.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
  }

  reserve(ip: string): void {
    this.used.add(ip);
  }
}

/**
 * The API server's defaulting of the kinds the demo serves (pkg/apis/<group>/<version>/
 * defaults.go), applied on create and update: Deployment replicas, strategy and history,
 * HPA minReplicas, metrics and behavior, Service type, ports, IP families and cluster IP.
 */
export function applyDefaults(
  type: ResourceType,
  obj: KubeObject,
  ips: ClusterIpAllocator,
  current?: KubeObject,
): void {
  const spec = (obj as any).spec;
  if (!spec || typeof spec !== 'object') return;
  switch (`${type.group}/${type.plural}`) {
    case 'apps/deployments':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate = {
          maxUnavailable: '25%',
          maxSurge: '25%',
          ...(spec.strategy.rollingUpdate ?? {}),
        };
      }
      break;
    case 'autoscaling/horizontalpodautoscalers':
      spec.minReplicas ??= 1;
      if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
        spec.metrics = [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 80 },
            },
          },
        ];
      }
      if (spec.behavior) spec.behavior = defaultHpaBehavior(spec.behavior);
      break;
    case '/services': {
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      for (const port of spec.ports ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      if (spec.type !== 'ExternalName') {
        spec.internalTrafficPolicy ??= 'Cluster';
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        // The cluster IP is immutable: an update keeps the one allocated at create.
        spec.clusterIP ??= (current as any)?.spec?.clusterIP;
        if (!spec.clusterIP) spec.clusterIP = ips.allocate();
        else if (spec.clusterIP !== 'None') ips.reserve(spec.clusterIP);
        spec.clusterIPs ??= [spec.clusterIP];
      }
      break;
    }
    default:
      break;
  }
}
