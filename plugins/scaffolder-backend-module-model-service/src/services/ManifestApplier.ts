// long-file: server-side apply with the allow-list, takeover protection and dry run, which must be read together.
import { ConflictError, InputError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApiException,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  ClusterConfig,
  createKubeConfig,
  DEFAULT_REQUEST_TIMEOUT_MS,
  withDeadline,
} from '@internal/plugin-model-scaling-node';
import {
  FIELD_MANAGER,
  isApplyAllowedKind,
  isOwnedByApply,
  MANAGED_BY_LABEL,
} from '../lib/applyPolicy';

export { FIELD_MANAGER };

/** A manifest object to apply: `apiVersion`, `kind` and `metadata.name` are required. */
export type ManifestObject = KubernetesObject & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

/**
 * What happened to one object, like `kubectl apply` reports it; `validated`
 * on a dry run, which passes the API server's validation and admission
 * without saying whether the object exists.
 */
export type ApplyResult = 'created' | 'configured' | 'unchanged' | 'validated';

/** A reference to an applied object and what the apply did to it. */
export interface AppliedObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  result: ApplyResult;
}

/** The parts of the Kubernetes API the applier uses; a test can pass a fake. */
export interface ApplyClient {
  /** Whether the kind is namespaced; undefined when the cluster does not serve it. */
  scopeOf(
    apiVersion: string,
    kind: string,
  ): Promise<'namespaced' | 'cluster' | undefined>;
  read(object: ManifestObject): Promise<KubernetesObject | undefined>;
  /** Server-side apply; `force` takes over conflicting fields and is only set for our own objects. */
  apply(
    object: ManifestObject,
    options: { dryRun: boolean; force: boolean },
  ): Promise<KubernetesObject>;
}

/** Order in which kinds are applied: what others refer to goes first. */
const KIND_ORDER = [
  'ServiceAccount',
  'ConfigMap',
  'Service',
  'Deployment',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'TriggerAuthentication',
  'ScaledObject',
];

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

/** Fields the API server sets, which say nothing about the desired state. */
const VOLATILE_METADATA = [
  'managedFields',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'uid',
  'selfLink',
];

function comparable(object: KubernetesObject): unknown {
  const { status: _status, ...rest } = JSON.parse(JSON.stringify(object));
  for (const key of VOLATILE_METADATA) {
    delete rest.metadata?.[key];
  }
  return rest;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function describe(object: ManifestObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** The API server's own message from a failed request, when it sent one. */
export function kubernetesErrorMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const body =
      typeof error.body === 'string' ? safeJson(error.body) : error.body;
    const message = (body as { message?: string } | undefined)?.message;
    return `HTTP ${error.code}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/**
 * `KubernetesObjectApi` with access to its discovery cache, so the applier
 * can refuse cluster-scoped objects before sending them.
 */
class DiscoveringObjectApi extends KubernetesObjectApi {
  async scopeOf(
    apiVersion: string,
    kind: string,
  ): Promise<'namespaced' | 'cluster' | undefined> {
    try {
      const resource = await this.resource(apiVersion, kind);
      if (!resource) {
        return undefined;
      }
      return resource.namespaced ? 'namespaced' : 'cluster';
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        return undefined;
      }
      throw error;
    }
  }
}

/**
 * An {@link ApplyClient} that talks to a cluster through `@kubernetes/client-node`
 * with the connection's (write) identity; every request has a deadline, so a
 * hung API server fails the task instead of holding it.
 */
export function createApplyClient(
  connection: ClusterConfig,
  options: { timeoutMs?: number } = {},
): ApplyClient {
  const api = createKubeConfig(connection).makeApiClient(DiscoveringObjectApi);
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const name = (object: ManifestObject) =>
    `${object.kind}/${object.metadata.name} on ${connection.name}`;
  return {
    scopeOf: (apiVersion, kind) =>
      withDeadline(
        api.scopeOf(apiVersion, kind),
        timeoutMs,
        `Discovery of ${kind} (${apiVersion}) on ${connection.name}`,
      ),
    async read(object) {
      try {
        return await withDeadline(
          api.read({
            apiVersion: object.apiVersion,
            kind: object.kind,
            metadata: {
              name: object.metadata.name,
              namespace: object.metadata.namespace,
            },
          }),
          timeoutMs,
          `Reading ${name(object)}`,
        );
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) {
          return undefined;
        }
        throw error;
      }
    },
    apply(object, { dryRun, force }) {
      return withDeadline(
        api.patch(
          object,
          undefined,
          dryRun ? 'All' : undefined,
          FIELD_MANAGER,
          force,
          PatchStrategy.ServerSideApply,
        ),
        timeoutMs,
        `Applying ${name(object)}`,
      );
    },
  };
}

/**
 * Applies manifest objects to one namespace of one cluster with server-side
 * apply (field manager {@link FIELD_MANAGER}), so applying the same manifests
 * again changes nothing. Only the kinds of a model service are applied, only
 * namespaced and only into the target namespace; every object gets the label
 * `app.kubernetes.io/managed-by: model-scaling-scaffolder`.
 *
 * A real apply reads each object first and refuses, before writing anything,
 * to take over an object that exists and was not created by this apply (see
 * `isOwnedByApply`); conflicts are forced only on our own objects.
 *
 * A dry run never reads: every object is sent as a server-side dry run and
 * reported as `validated`, and a refusal carries no detail from the API
 * server (it goes to the backend log), so a dry run does not tell its caller
 * whether objects they cannot read exist.
 */
export class ManifestApplier {
  constructor(
    private readonly client: ApplyClient,
    private readonly target: { cluster: string; namespace: string },
    private readonly logger?: LoggerService,
  ) {}

  /** Checks every object first, then applies them in dependency order. */
  async apply(
    objects: ManifestObject[],
    options: { dryRun: boolean },
  ): Promise<AppliedObject[]> {
    const prepared = await this.prepare(objects);
    return options.dryRun ? this.dryRun(prepared) : this.applyForReal(prepared);
  }

  private async prepare(objects: ManifestObject[]): Promise<ManifestObject[]> {
    const { cluster, namespace } = this.target;
    const prepared: ManifestObject[] = [];
    for (const object of objects) {
      if (!isApplyAllowedKind(object.apiVersion, object.kind)) {
        throw new InputError(
          `${describe(object)} (${
            object.apiVersion
          }) is not a kind model-service:cluster:apply may apply`,
        );
      }
      const scope = await this.client.scopeOf(object.apiVersion, object.kind);
      if (!scope) {
        throw new InputError(
          `Cluster ${cluster} does not serve ${object.kind} of ${
            object.apiVersion
          } (${describe(object)}); is its CustomResourceDefinition installed?`,
        );
      }
      if (scope === 'cluster') {
        throw new InputError(
          `${describe(
            object,
          )} is cluster-scoped; only namespaced objects may be applied to ${cluster}/${namespace}`,
        );
      }
      const objectNamespace = object.metadata.namespace ?? namespace;
      if (objectNamespace !== namespace) {
        throw new InputError(
          `${describe(
            object,
          )} is in namespace ${objectNamespace}, but the target is ${cluster}/${namespace}`,
        );
      }
      prepared.push({
        ...object,
        metadata: {
          ...object.metadata,
          namespace,
          labels: {
            ...(object.metadata as { labels?: Record<string, string> }).labels,
            [MANAGED_BY_LABEL]: FIELD_MANAGER,
          },
        },
      });
    }
    return prepared.sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
  }

  private async dryRun(objects: ManifestObject[]): Promise<AppliedObject[]> {
    const { cluster, namespace } = this.target;
    const applied: AppliedObject[] = [];
    for (const object of objects) {
      try {
        // Nothing is stored, so forcing harms nothing and keeps a conflict
        // with an existing object from telling that it exists.
        await this.client.apply(object, { dryRun: true, force: true });
      } catch (error) {
        this.logger?.warn('Server-side dry run refused an object', {
          cluster,
          namespace,
          object: describe(object),
          error: kubernetesErrorMessage(error),
        });
        throw new InputError(
          `${describe(
            object,
          )} did not pass the server-side dry run on ${cluster}/${namespace}; the API server's reason is in the backend log (a dry run does not show it, as it could tell whether objects you cannot read exist)`,
        );
      }
      applied.push(reference(object, namespace, 'validated'));
    }
    return applied;
  }

  private async applyForReal(
    objects: ManifestObject[],
  ): Promise<AppliedObject[]> {
    const { cluster, namespace } = this.target;
    const existing: (KubernetesObject | undefined)[] = [];
    for (const object of objects) {
      let before: KubernetesObject | undefined;
      try {
        before = await this.client.read(object);
      } catch (error) {
        throw new Error(
          `Applying ${describe(
            object,
          )} to ${cluster}/${namespace} failed: ${kubernetesErrorMessage(
            error,
          )}`,
        );
      }
      if (before && !isOwnedByApply(before)) {
        throw new ConflictError(
          `${describe(
            object,
          )} already exists in ${cluster}/${namespace} and was not created by model-service:cluster:apply (it lacks the label ${MANAGED_BY_LABEL}=${FIELD_MANAGER} or fields applied by ${FIELD_MANAGER}); refusing to take it over. Choose another name, or have its owner remove it.`,
        );
      }
      existing.push(before);
    }

    const applied: AppliedObject[] = [];
    for (const [i, object] of objects.entries()) {
      const before = existing[i];
      let after: KubernetesObject;
      try {
        // force only on objects we created; a new object has no conflicts to force
        after = await this.client.apply(object, {
          dryRun: false,
          force: before !== undefined,
        });
      } catch (error) {
        throw new Error(
          `Applying ${describe(
            object,
          )} to ${cluster}/${namespace} failed: ${kubernetesErrorMessage(
            error,
          )}`,
        );
      }
      let result: ApplyResult = 'created';
      if (before) {
        result =
          stableStringify(comparable(before)) ===
          stableStringify(comparable(after))
            ? 'unchanged'
            : 'configured';
      }
      applied.push(reference(object, namespace, result));
    }
    return applied;
  }
}

function reference(
  object: ManifestObject,
  namespace: string,
  result: ApplyResult,
): AppliedObject {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    namespace,
    result,
  };
}
