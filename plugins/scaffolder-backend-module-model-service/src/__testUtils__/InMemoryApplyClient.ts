import { KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER } from '../lib/applyPolicy';
import { ApplyClient, ManifestObject } from '../services/ManifestApplier';

/**
 * An {@link ApplyClient} over an in-memory object store, for unit tests of the
 * applier's ordering, scoping and result reporting. Apply replaces the stored
 * object and bumps its resourceVersion only when the content changed, as the
 * API server does for a no-op server-side apply.
 */
export class InMemoryApplyClient implements ApplyClient {
  readonly objects = new Map<string, KubernetesObject>();
  readonly calls: string[] = [];
  private version = 1;

  constructor(
    private readonly kinds: Record<string, 'namespaced' | 'cluster'> = {
      Service: 'namespaced',
      Deployment: 'namespaced',
      HorizontalPodAutoscaler: 'namespaced',
      ScaledObject: 'namespaced',
      TriggerAuthentication: 'namespaced',
      ConfigMap: 'namespaced',
      Namespace: 'cluster',
    },
  ) {}

  private key(o: ManifestObject) {
    return `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
  }

  async scopeOf(_apiVersion: string, kind: string) {
    return this.kinds[kind];
  }

  async read(object: ManifestObject) {
    const found = this.objects.get(this.key(object));
    return found && JSON.parse(JSON.stringify(found));
  }

  async apply(
    object: ManifestObject,
    { dryRun, force }: { dryRun: boolean; force: boolean },
  ) {
    this.calls.push(
      `${dryRun ? 'dry-run ' : ''}${force && !dryRun ? 'force ' : ''}${this.key(
        object,
      )}`,
    );
    const before = this.objects.get(this.key(object));
    const {
      resourceVersion: _rv,
      managedFields: _mf,
      ...beforeMeta
    } = before?.metadata ?? {};
    const same =
      before &&
      JSON.stringify({ ...before, metadata: beforeMeta }) ===
        JSON.stringify(object);
    const stored = same
      ? before
      : {
          ...object,
          metadata: {
            ...object.metadata,
            resourceVersion: String(this.version++),
            managedFields: [{ manager: FIELD_MANAGER, operation: 'Apply' }],
          },
        };
    if (!dryRun) {
      this.objects.set(this.key(object), stored!);
    }
    return JSON.parse(JSON.stringify(stored));
  }
}
