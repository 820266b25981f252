import { InputError } from '@backstage/errors';
import {
  ApiException,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  ClusterConfig,
  createKubeConfig,
} from '@internal/plugin-model-scaling-node';

/** The field manager our server-side applies run as. */
export const FIELD_MANAGER = 'model-scaling-scaffolder';

/** A manifest object to apply: `apiVersion`, `kind` and `metadata.name` are required. */
export type ManifestObject = KubernetesObject & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

/** What happened to one object, like `kubectl apply` reports it. */
export type ApplyResult = 'created' | 'configured' | 'unchanged';

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
  apply(object: ManifestObject, dryRun: boolean): Promise<KubernetesObject>;
}

/** Order in which kinds are applied: what others refer to goes first. */
const KIND_ORDER = [
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'Deployment',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'TriggerAuthentication',
  'ScaledObject',
  'ScaledJob',
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

/** An {@link ApplyClient} that talks to a cluster through `@kubernetes/client-node`. */
export function createApplyClient(connection: ClusterConfig): ApplyClient {
  const api = createKubeConfig(connection).makeApiClient(DiscoveringObjectApi);
  return {
    scopeOf: (apiVersion, kind) => api.scopeOf(apiVersion, kind),
    async read(object) {
      try {
        return await api.read({
          apiVersion: object.apiVersion,
          kind: object.kind,
          metadata: {
            name: object.metadata.name,
            namespace: object.metadata.namespace,
          },
        });
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) {
          return undefined;
        }
        throw error;
      }
    },
    apply(object, dryRun) {
      return api.patch(
        object,
        undefined,
        dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
    },
  };
}

/**
 * Applies manifest objects to one namespace of one cluster with server-side
 * apply (field manager {@link FIELD_MANAGER}, conflicts forced), so applying
 * the same manifests again changes nothing. Refuses objects of another
 * namespace and cluster-scoped objects.
 */
export class ManifestApplier {
  constructor(
    private readonly client: ApplyClient,
    private readonly target: { cluster: string; namespace: string },
  ) {}

  /** Checks every object first, then applies them in dependency order. */
  async apply(
    objects: ManifestObject[],
    options: { dryRun: boolean },
  ): Promise<AppliedObject[]> {
    const { cluster, namespace } = this.target;
    const prepared: ManifestObject[] = [];
    for (const object of objects) {
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
        metadata: { ...object.metadata, namespace },
      });
    }
    prepared.sort((a, b) => kindRank(a.kind) - kindRank(b.kind));

    const applied: AppliedObject[] = [];
    for (const object of prepared) {
      let before: KubernetesObject | undefined;
      let after: KubernetesObject;
      try {
        before = await this.client.read(object);
        after = await this.client.apply(object, options.dryRun);
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
      applied.push({
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        namespace,
        result,
      });
    }
    return applied;
  }
}
