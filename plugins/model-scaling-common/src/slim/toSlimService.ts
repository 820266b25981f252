import type { SlimService } from '../types/status';
import {
  readArray,
  readNumber,
  readObject,
  readString,
  readStringMap,
} from './read';
import { expectKind, toSlimMeta } from './toSlimMeta';

/** Reduces a raw `v1` Service to a {@link SlimService} (selector and ports). */
export function toSlimService(raw: unknown, cluster: string): SlimService {
  const ctx = { kind: 'Service' };
  const obj = expectKind(ctx.kind, raw);
  const spec = readObject(ctx, obj.spec, 'spec');
  const ports = readArray(ctx, spec?.ports, 'spec.ports').flatMap(
    (entry, i) => {
      const p = readObject(ctx, entry, `spec.ports[${i}]`);
      const port = readNumber(ctx, p?.port, `spec.ports[${i}].port`);
      if (!p || port === undefined) return [];
      const out: SlimService['ports'][number] = { port };
      const name = readString(ctx, p.name, `spec.ports[${i}].name`);
      if (name) out.name = name;
      if (typeof p.targetPort === 'number' || typeof p.targetPort === 'string')
        out.targetPort = p.targetPort;
      return [out];
    },
  );
  return {
    kind: 'Service',
    meta: toSlimMeta(ctx, obj, cluster),
    selector: readStringMap(ctx, spec?.selector, 'spec.selector'),
    ports,
  };
}
