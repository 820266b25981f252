import type { KedaTrigger } from '../types/status';
import {
  ReadContext,
  readArray,
  readObject,
  readString,
  readStringMap,
} from './read';
import { redactTriggerMetadata } from './redactTriggerMetadata';

/**
 * Reduces KEDA `spec.triggers[]` (ScaledObject and ScaledJob share the
 * shape). Metadata keeps only the keys the views read, redacted
 * ({@link redactTriggerMetadata}), so the cache never holds credentials.
 */
export function toKedaTriggers(
  ctx: ReadContext,
  value: unknown,
  path: string,
): KedaTrigger[] {
  return readArray(ctx, value, path).flatMap((entry, i) => {
    const p = `${path}[${i}]`;
    const t = readObject(ctx, entry, p);
    if (!t) return [];
    const trigger: KedaTrigger = {
      type: readString(ctx, t.type, `${p}.type`) ?? '',
      // Only what the views read leaves the cluster, with credentials redacted.
      metadata: redactTriggerMetadata(
        readStringMap(ctx, t.metadata, `${p}.metadata`),
      ),
    };
    const name = readString(ctx, t.name, `${p}.name`);
    if (name) trigger.name = name;
    const metricType = readString(ctx, t.metricType, `${p}.metricType`);
    if (metricType) trigger.metricType = metricType;
    const auth = readObject(ctx, t.authenticationRef, `${p}.authenticationRef`);
    const authName = readString(ctx, auth?.name, `${p}.authenticationRef.name`);
    if (authName) {
      trigger.authenticationRef = { name: authName };
      const kind = readString(ctx, auth?.kind, `${p}.authenticationRef.kind`);
      if (kind) trigger.authenticationRef.kind = kind;
    }
    return [trigger];
  });
}
