import type {
  HpaBehavior,
  HpaMetricCurrent,
  HpaMetricSpec,
  HpaMetricStatus,
  HpaMetricTarget,
  HpaScalingPolicy,
  HpaScalingRules,
} from '../types/status';
import {
  ReadContext,
  readArray,
  readNumber,
  readObject,
  readString,
} from './read';

const SOURCE_FIELDS = [
  'resource',
  'containerResource',
  'pods',
  'object',
  'external',
] as const;

function toTarget(
  ctx: ReadContext,
  value: unknown,
  path: string,
): HpaMetricTarget {
  const t = readObject(ctx, value, path);
  const target: HpaMetricTarget = {
    type: readString(ctx, t?.type, `${path}.type`) ?? '',
  };
  const v = readString(ctx, t?.value, `${path}.value`);
  if (v !== undefined) target.value = v;
  const av = readString(ctx, t?.averageValue, `${path}.averageValue`);
  if (av !== undefined) target.averageValue = av;
  const au = readNumber(
    ctx,
    t?.averageUtilization,
    `${path}.averageUtilization`,
  );
  if (au !== undefined) target.averageUtilization = au;
  return target;
}

function toCurrent(
  ctx: ReadContext,
  value: unknown,
  path: string,
): HpaMetricCurrent {
  const c = readObject(ctx, value, path);
  const current: HpaMetricCurrent = {};
  const v = readString(ctx, c?.value, `${path}.value`);
  if (v !== undefined) current.value = v;
  const av = readString(ctx, c?.averageValue, `${path}.averageValue`);
  if (av !== undefined) current.averageValue = av;
  const au = readNumber(
    ctx,
    c?.averageUtilization,
    `${path}.averageUtilization`,
  );
  if (au !== undefined) current.averageUtilization = au;
  return current;
}

function toMetricId(
  ctx: ReadContext,
  value: unknown,
  path: string,
): { name: string; selector?: unknown } {
  const m = readObject(ctx, value, path);
  const id: { name: string; selector?: unknown } = {
    name: readString(ctx, m?.name, `${path}.name`) ?? '',
  };
  if (m?.selector !== undefined && m.selector !== null)
    id.selector = m.selector;
  return id;
}

function toDescribedObject(ctx: ReadContext, value: unknown, path: string) {
  const d = readObject(ctx, value, path);
  const described: { kind: string; name: string; apiVersion?: string } = {
    kind: readString(ctx, d?.kind, `${path}.kind`) ?? '',
    name: readString(ctx, d?.name, `${path}.name`) ?? '',
  };
  const apiVersion = readString(ctx, d?.apiVersion, `${path}.apiVersion`);
  if (apiVersion) described.apiVersion = apiVersion;
  return described;
}

/** Reduces `spec.metrics[]` of an `autoscaling/v2` HPA, keeping the API's union shape. */
export function toHpaMetricSpecs(
  ctx: ReadContext,
  value: unknown,
  path: string,
): HpaMetricSpec[] {
  return readArray(ctx, value, path).flatMap((entry, i) => {
    const p = `${path}[${i}]`;
    const m = readObject(ctx, entry, p);
    if (!m) return [];
    const spec: HpaMetricSpec = {
      type: readString(ctx, m.type, `${p}.type`) ?? '',
    };
    const resource = readObject(ctx, m.resource, `${p}.resource`);
    if (resource) {
      spec.resource = {
        name: readString(ctx, resource.name, `${p}.resource.name`) ?? '',
        target: toTarget(ctx, resource.target, `${p}.resource.target`),
      };
    }
    const cr = readObject(ctx, m.containerResource, `${p}.containerResource`);
    if (cr) {
      spec.containerResource = {
        name: readString(ctx, cr.name, `${p}.containerResource.name`) ?? '',
        container:
          readString(ctx, cr.container, `${p}.containerResource.container`) ??
          '',
        target: toTarget(ctx, cr.target, `${p}.containerResource.target`),
      };
    }
    const pods = readObject(ctx, m.pods, `${p}.pods`);
    if (pods) {
      spec.pods = {
        metric: toMetricId(ctx, pods.metric, `${p}.pods.metric`),
        target: toTarget(ctx, pods.target, `${p}.pods.target`),
      };
    }
    const object = readObject(ctx, m.object, `${p}.object`);
    if (object) {
      spec.object = {
        describedObject: toDescribedObject(
          ctx,
          object.describedObject,
          `${p}.object.describedObject`,
        ),
        metric: toMetricId(ctx, object.metric, `${p}.object.metric`),
        target: toTarget(ctx, object.target, `${p}.object.target`),
      };
    }
    const external = readObject(ctx, m.external, `${p}.external`);
    if (external) {
      spec.external = {
        metric: toMetricId(ctx, external.metric, `${p}.external.metric`),
        target: toTarget(ctx, external.target, `${p}.external.target`),
      };
    }
    return [spec];
  });
}

/** Reduces `status.currentMetrics[]` of an HPA. */
export function toHpaMetricStatuses(
  ctx: ReadContext,
  value: unknown,
  path: string,
): HpaMetricStatus[] {
  return readArray(ctx, value, path).flatMap((entry, i) => {
    const p = `${path}[${i}]`;
    const m = readObject(ctx, entry, p);
    if (!m) return [];
    const status: HpaMetricStatus = {
      type: readString(ctx, m.type, `${p}.type`) ?? '',
    };
    for (const field of SOURCE_FIELDS) {
      const source = readObject(ctx, m[field], `${p}.${field}`);
      if (!source) continue;
      const current = toCurrent(ctx, source.current, `${p}.${field}.current`);
      if (field === 'resource') {
        status.resource = {
          name: readString(ctx, source.name, `${p}.resource.name`) ?? '',
          current,
        };
      } else if (field === 'containerResource') {
        status.containerResource = {
          name:
            readString(ctx, source.name, `${p}.containerResource.name`) ?? '',
          container:
            readString(
              ctx,
              source.container,
              `${p}.containerResource.container`,
            ) ?? '',
          current,
        };
      } else {
        const metric = {
          name: toMetricId(ctx, source.metric, `${p}.${field}.metric`).name,
        };
        if (field === 'object') {
          status.object = { metric, current };
          if (source.describedObject) {
            status.object.describedObject = toDescribedObject(
              ctx,
              source.describedObject,
              `${p}.object.describedObject`,
            );
          }
        } else {
          status[field] = { metric, current };
        }
      }
    }
    return [status];
  });
}

function toRules(
  ctx: ReadContext,
  value: unknown,
  path: string,
): HpaScalingRules | undefined {
  const r = readObject(ctx, value, path);
  if (!r) return undefined;
  const rules: HpaScalingRules = {};
  const window = readNumber(
    ctx,
    r.stabilizationWindowSeconds,
    `${path}.stabilizationWindowSeconds`,
  );
  if (window !== undefined) rules.stabilizationWindowSeconds = window;
  const selectPolicy = readString(ctx, r.selectPolicy, `${path}.selectPolicy`);
  if (selectPolicy !== undefined) rules.selectPolicy = selectPolicy;
  if (r.policies !== undefined && r.policies !== null) {
    rules.policies = readArray(ctx, r.policies, `${path}.policies`).flatMap(
      (entry, i) => {
        const p = readObject(ctx, entry, `${path}.policies[${i}]`);
        if (!p) return [];
        const policy: HpaScalingPolicy = {
          type: readString(ctx, p.type, `${path}.policies[${i}].type`) ?? '',
          value: readNumber(ctx, p.value, `${path}.policies[${i}].value`) ?? 0,
          periodSeconds:
            readNumber(
              ctx,
              p.periodSeconds,
              `${path}.policies[${i}].periodSeconds`,
            ) ?? 15,
        };
        return [policy];
      },
    );
  }
  const tolerance = readString(ctx, r.tolerance, `${path}.tolerance`);
  if (tolerance !== undefined) rules.tolerance = tolerance;
  return rules;
}

/** Reduces an HPA `behavior` (also KEDA's `advanced.horizontalPodAutoscalerConfig.behavior`). */
export function toHpaBehavior(
  ctx: ReadContext,
  value: unknown,
  path: string,
): HpaBehavior | undefined {
  const b = readObject(ctx, value, path);
  if (!b) return undefined;
  const behavior: HpaBehavior = {};
  const up = toRules(ctx, b.scaleUp, `${path}.scaleUp`);
  if (up) behavior.scaleUp = up;
  const down = toRules(ctx, b.scaleDown, `${path}.scaleDown`);
  if (down) behavior.scaleDown = down;
  return behavior;
}
