import type { KubeObject, ObjectStore } from '../api/ObjectStore';
import { KINDS, kubeTime } from './kinds';
import type { Rng } from './rng';

/** An event to record. */
export interface EventInput {
  namespace: string;
  involvedObject: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
    uid?: string;
  };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  component: string;
}

/**
 * Writes core/v1 Events the way client-go's event recorder does: a new Event named
 * `<object>.<hex>`, or, for a repeat of the same object/reason/message, a higher `count`
 * and a newer `lastTimestamp` on the existing one. Events older than `ttlMs` are removed.
 */
export class EventRecorder {
  private readonly recent = new Map<string, string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly rng: Rng,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  record(input: EventInput, nowMs: number): KubeObject {
    const key = [
      input.namespace,
      input.involvedObject.kind,
      input.involvedObject.name,
      input.reason,
      input.message,
    ].join('\u0000');
    const existingName = this.recent.get(key);
    const existing = existingName
      ? this.store.get(KINDS.events, input.namespace, existingName)
      : undefined;
    const time = kubeTime(nowMs);
    if (existing) {
      return this.store.mutate(
        KINDS.events,
        input.namespace,
        existingName!,
        draft => {
          const e = draft as any;
          e.count = (e.count ?? 1) + 1;
          e.lastTimestamp = time;
        },
      );
    }
    const name = `${input.involvedObject.name}.${this.rng.string(
      16,
      '0123456789abcdef',
    )}`;
    this.recent.set(key, name);
    return this.store.create(KINDS.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: input.namespace, creationTimestamp: time },
      involvedObject: {
        ...input.involvedObject,
        namespace: input.involvedObject.namespace ?? input.namespace,
      },
      reason: input.reason,
      message: input.message,
      source: { component: input.component },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      type: input.type,
      eventTime: null,
      reportingComponent: input.component,
      reportingInstance: '',
    });
  }

  /** Deletes events whose last occurrence is older than the TTL (kube-apiserver's --event-ttl). */
  expire(nowMs: number): void {
    for (const e of this.store.list(KINDS.events) as any[]) {
      const last = Date.parse(
        e.lastTimestamp ?? e.metadata.creationTimestamp ?? '',
      );
      if (Number.isFinite(last) && nowMs - last > this.ttlMs) {
        this.store.delete(KINDS.events, e.metadata.namespace, e.metadata.name);
      }
    }
    for (const [key, name] of this.recent) {
      const [namespace] = key.split('\u0000');
      if (!this.store.get(KINDS.events, namespace, name))
        this.recent.delete(key);
    }
  }
}
