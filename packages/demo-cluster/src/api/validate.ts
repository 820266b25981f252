import { ApiError } from './ApiError';
import { KubeObject } from './ObjectStore';
import { ResourceType } from './resources';
import { matchesLabels, requirementsFromLabelSelector } from './selectors';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The kind as kube-apiserver names it in messages, e.g. `Deployment.apps`. */
function qualifiedKind(type: ResourceType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

function checkQuantityOrNumber(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    (typeof value === 'string' &&
      /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[KMGTPE]i?|[munkMGTPE])?$/.test(
        value,
      ))
  );
}

/**
 * Validates an object before it is stored, with the subset of kube-apiserver's rules that
 * catches broken manifests: names, selector/template agreement, required fields.
 * Throws a 422 `ApiError` listing every cause with its field path.
 */
export function validateObject(type: ResourceType, obj: KubeObject): void {
  const name = obj.metadata?.name ?? '';
  const causes: string[] = [];
  if (!name)
    causes.push(
      'metadata.name: Required value: name or generateName is required',
    );
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    causes.push(
      `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
  for (const [key, value] of Object.entries(obj.metadata?.labels ?? {})) {
    if (typeof value !== 'string') {
      causes.push(
        `metadata.labels.${key}: Invalid value: label values must be strings`,
      );
    }
  }
  const spec = (obj as any).spec;
  switch (`${type.group}/${type.plural}`) {
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/statefulsets':
    case 'apps/daemonsets': {
      if (!spec?.selector) causes.push('spec.selector: Required value');
      const templateLabels = spec?.template?.metadata?.labels ?? {};
      if (spec?.selector) {
        const reqs = requirementsFromLabelSelector(spec.selector);
        if (reqs.length === 0) {
          causes.push(
            'spec.selector: Invalid value: empty selector is invalid for deployment',
          );
        } else if (!matchesLabels(reqs, templateLabels)) {
          causes.push(
            `spec.template.metadata.labels: Invalid value: ${JSON.stringify(
              templateLabels,
            )}: \`selector\` does not match template \`labels\``,
          );
        }
      }
      const containers = spec?.template?.spec?.containers;
      if (!Array.isArray(containers) || containers.length === 0) {
        causes.push('spec.template.spec.containers: Required value');
      } else {
        containers.forEach((c: any, i: number) => {
          if (!c?.name)
            causes.push(
              `spec.template.spec.containers[${i}].name: Required value`,
            );
          if (!c?.image)
            causes.push(
              `spec.template.spec.containers[${i}].image: Required value`,
            );
          for (const section of ['requests', 'limits']) {
            for (const [res, q] of Object.entries(
              c?.resources?.[section] ?? {},
            )) {
              if (!checkQuantityOrNumber(q)) {
                causes.push(
                  `spec.template.spec.containers[${i}].resources.${section}[${res}]: Invalid value: "${q}": must be a quantity`,
                );
              }
            }
          }
        });
      }
      if (
        spec?.replicas !== undefined &&
        (!Number.isInteger(spec.replicas) || spec.replicas < 0)
      ) {
        causes.push(
          'spec.replicas: Invalid value: must be greater than or equal to 0',
        );
      }
      break;
    }
    case 'autoscaling/horizontalpodautoscalers': {
      if (!spec?.scaleTargetRef?.kind)
        causes.push('spec.scaleTargetRef.kind: Required value');
      if (!spec?.scaleTargetRef?.name)
        causes.push('spec.scaleTargetRef.name: Required value');
      if (!Number.isInteger(spec?.maxReplicas) || spec.maxReplicas < 1) {
        causes.push(
          'spec.maxReplicas: Invalid value: must be greater than or equal to 1',
        );
      }
      if (
        spec?.minReplicas !== undefined &&
        spec.minReplicas > spec.maxReplicas
      ) {
        causes.push(
          'spec.minReplicas: Invalid value: must be less than or equal to maxReplicas',
        );
      }
      break;
    }
    case 'keda.sh/scaledobjects': {
      if (!spec?.scaleTargetRef?.name)
        causes.push('spec.scaleTargetRef.name: Required value');
      if (!Array.isArray(spec?.triggers))
        causes.push('spec.triggers: Required value');
      else {
        spec.triggers.forEach((t: any, i: number) => {
          if (!t?.type) causes.push(`spec.triggers[${i}].type: Required value`);
          for (const [k, v] of Object.entries(t?.metadata ?? {})) {
            if (typeof v !== 'string') {
              causes.push(
                `spec.triggers[${i}].metadata.${k}: Invalid value: must be of type string`,
              );
            }
          }
        });
      }
      break;
    }
    case '/services': {
      const ports = spec?.ports;
      if (spec?.type !== 'ExternalName' && spec?.clusterIP !== 'None') {
        if (!Array.isArray(ports) || ports.length === 0)
          causes.push('spec.ports: Required value');
      }
      (Array.isArray(ports) ? ports : []).forEach((p: any, i: number) => {
        if (!Number.isInteger(p?.port) || p.port < 1 || p.port > 65535) {
          causes.push(
            `spec.ports[${i}].port: Invalid value: must be between 1 and 65535, inclusive`,
          );
        }
      });
      break;
    }
    default:
      break;
  }
  if (causes.length > 0)
    throw ApiError.invalid(qualifiedKind(type), name, causes);
}
