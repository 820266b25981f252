import type {
  SlimContainer,
  SlimPodSpec,
  SlimToleration,
} from '../types/status';
import {
  ReadContext,
  readArray,
  readNumber,
  readObject,
  readString,
  readStringMap,
} from './read';

function toSlimContainer(
  ctx: ReadContext,
  raw: Record<string, unknown>,
  path: string,
): SlimContainer {
  const resources = readObject(ctx, raw.resources, `${path}.resources`);
  const container: SlimContainer = {
    name: readString(ctx, raw.name, `${path}.name`) ?? '',
    requests: readStringMap(
      ctx,
      resources?.requests,
      `${path}.resources.requests`,
    ),
    limits: readStringMap(ctx, resources?.limits, `${path}.resources.limits`),
    ports: [],
    args: [],
    env: {},
  };
  const image = readString(ctx, raw.image, `${path}.image`);
  if (image) container.image = image;
  for (const [i, entry] of readArray(
    ctx,
    raw.ports,
    `${path}.ports`,
  ).entries()) {
    const port = readObject(ctx, entry, `${path}.ports[${i}]`);
    const n = readNumber(
      ctx,
      port?.containerPort,
      `${path}.ports[${i}].containerPort`,
    );
    if (n !== undefined) container.ports.push(n);
  }
  for (const [i, entry] of readArray(ctx, raw.args, `${path}.args`).entries()) {
    const arg = readString(ctx, entry, `${path}.args[${i}]`);
    if (arg !== undefined) container.args.push(arg);
  }
  for (const [i, entry] of readArray(ctx, raw.env, `${path}.env`).entries()) {
    const env = readObject(ctx, entry, `${path}.env[${i}]`);
    const name = readString(ctx, env?.name, `${path}.env[${i}].name`);
    const value = readString(ctx, env?.value, `${path}.env[${i}].value`);
    // Values from secrets or config maps (valueFrom) are not kept.
    if (name && value !== undefined) container.env[name] = value;
  }
  return container;
}

/**
 * `key=value` pairs selected by node selector terms: an `In` expression with
 * one value gives that value, `Exists` gives `*`. Other operators are not kept.
 */
function termLabels(
  ctx: ReadContext,
  term: unknown,
  path: string,
  into: Record<string, string>,
) {
  const t = readObject(ctx, term, path);
  for (const [i, entry] of readArray(
    ctx,
    t?.matchExpressions,
    `${path}.matchExpressions`,
  ).entries()) {
    const expr = readObject(ctx, entry, `${path}.matchExpressions[${i}]`);
    const key = readString(
      ctx,
      expr?.key,
      `${path}.matchExpressions[${i}].key`,
    );
    const operator = readString(
      ctx,
      expr?.operator,
      `${path}.matchExpressions[${i}].operator`,
    );
    const values = readArray(
      ctx,
      expr?.values,
      `${path}.matchExpressions[${i}].values`,
    );
    if (!key) continue;
    if (operator === 'In' && values.length === 1) {
      into[key] =
        readString(
          ctx,
          values[0],
          `${path}.matchExpressions[${i}].values[0]`,
        ) ?? '';
    } else if (operator === 'Exists') {
      into[key] = '*';
    }
  }
}

/** Reduces a pod spec (of a pod or a pod template) to its scheduling-relevant part. */
export function toSlimPodSpec(
  ctx: ReadContext,
  value: unknown,
  path: string,
): SlimPodSpec {
  const spec = readObject(ctx, value, path);
  const out: SlimPodSpec = {
    containers: [],
    nodeSelector: readStringMap(
      ctx,
      spec?.nodeSelector,
      `${path}.nodeSelector`,
    ),
    tolerations: [],
    requiredNodeLabels: {},
    preferredNodeLabels: {},
  };
  for (const [i, entry] of readArray(
    ctx,
    spec?.containers,
    `${path}.containers`,
  ).entries()) {
    const c = readObject(ctx, entry, `${path}.containers[${i}]`);
    if (c)
      out.containers.push(toSlimContainer(ctx, c, `${path}.containers[${i}]`));
  }
  for (const [i, entry] of readArray(
    ctx,
    spec?.tolerations,
    `${path}.tolerations`,
  ).entries()) {
    const t = readObject(ctx, entry, `${path}.tolerations[${i}]`);
    if (!t) continue;
    const toleration: SlimToleration = {};
    for (const field of ['key', 'operator', 'value', 'effect'] as const) {
      const v = readString(ctx, t[field], `${path}.tolerations[${i}].${field}`);
      if (v !== undefined) toleration[field] = v;
    }
    out.tolerations.push(toleration);
  }
  const affinity = readObject(ctx, spec?.affinity, `${path}.affinity`);
  const nodeAffinity = readObject(
    ctx,
    affinity?.nodeAffinity,
    `${path}.affinity.nodeAffinity`,
  );
  const requiredPath = `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
  const required = readObject(
    ctx,
    nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    requiredPath,
  );
  for (const [i, term] of readArray(
    ctx,
    required?.nodeSelectorTerms,
    `${requiredPath}.nodeSelectorTerms`,
  ).entries()) {
    termLabels(
      ctx,
      term,
      `${requiredPath}.nodeSelectorTerms[${i}]`,
      out.requiredNodeLabels,
    );
  }
  const preferredPath = `${path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`;
  for (const [i, entry] of readArray(
    ctx,
    nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    preferredPath,
  ).entries()) {
    const pref = readObject(ctx, entry, `${preferredPath}[${i}]`);
    termLabels(
      ctx,
      pref?.preference,
      `${preferredPath}[${i}].preference`,
      out.preferredNodeLabels,
    );
  }
  const runtimeClassName = readString(
    ctx,
    spec?.runtimeClassName,
    `${path}.runtimeClassName`,
  );
  if (runtimeClassName) out.runtimeClassName = runtimeClassName;
  return out;
}
