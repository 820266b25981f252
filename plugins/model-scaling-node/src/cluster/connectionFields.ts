import { Config } from '@backstage/config';

/** A required, non-empty string of a config entry; the error names the key. */
export function requiredString(
  config: Config,
  field: string,
  key: string,
): string {
  const value = config.getOptionalString(field);
  if (!value) {
    throw new Error(`Invalid config at ${key}.${field}: required`);
  }
  return value;
}

/** An absolute http(s) URL without a trailing `/`; the error names the key. */
export function readApiServerUrl(url: string, key: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `Invalid config at ${key}.url: '${url}' is not an absolute URL`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(
      `Invalid config at ${key}.url: protocol must be http or https, got '${parsed.protocol}'`,
    );
  }
  return parsed;
}

/** `caData` (base64 PEM) and `caFile` of a cluster entry. */
export function readCa(
  entry: Config,
  key: string,
): { caData?: string; caFile?: string } {
  const caData = entry.getOptionalString('caData');
  const caFile = entry.getOptionalString('caFile');
  if (caData !== undefined && !/^[A-Za-z0-9+/=\s]+$/.test(caData)) {
    throw new Error(
      `Invalid config at ${key}.caData: must be base64-encoded PEM`,
    );
  }
  return { caData, caFile };
}

/**
 * The `authMetadata` of a cluster entry (the Kubernetes plugin's annotation
 * form). Its keys contain '/' and '.', which config readers cannot address,
 * so it is read as a whole.
 */
export function readAuthMetadata(entry: Config): Record<string, string> {
  const raw = (entry.getOptional('authMetadata') ?? {}) as Record<
    string,
    unknown
  >;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}
