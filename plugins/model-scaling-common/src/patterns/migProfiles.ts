/**
 * The NVIDIA Multi-Instance GPU profiles per GPU model, from NVIDIA's MIG
 * user guide ("Supported MIG Profiles"). Only profiles that can be requested
 * as a Kubernetes extended resource are listed: media-extension profiles
 * (`1g.10gb+me`) carry a `+`, which a resource name may not contain.
 */

/** A MIG profile of one GPU model. */
export interface MigProfile {
  /** Profile name as the device plugin advertises it, e.g. `1g.10gb`. */
  profile: string;
  /** Compute slices (the `<g>g` part). */
  computeSlices: number;
  /** Memory of one instance in GB (the `<mem>gb` part). */
  memoryGb: number;
  /** How many instances of this profile fit on one GPU. */
  maxInstances: number;
}

/** GPU models that support MIG, keyed by product and memory. */
export type MigGpuModel =
  | 'A30-24GB'
  | 'A100-40GB'
  | 'A100-80GB'
  | 'H100-80GB'
  | 'H100-94GB'
  | 'H200-141GB'
  | 'B200-180GB';

function profiles(rows: [string, number][]): MigProfile[] {
  return rows.map(([profile, maxInstances]) => {
    const parsed = parseMigProfileName(profile);
    if (!parsed) {
      throw new Error(`Bad built-in MIG profile ${profile}`);
    }
    return { profile, ...parsed, maxInstances };
  });
}

/** The MIG profiles of each GPU model, smallest first. */
export const MIG_PROFILES_BY_GPU: Readonly<Record<MigGpuModel, MigProfile[]>> =
  {
    'A30-24GB': profiles([
      ['1g.6gb', 4],
      ['2g.12gb', 2],
      ['4g.24gb', 1],
    ]),
    'A100-40GB': profiles([
      ['1g.5gb', 7],
      ['1g.10gb', 4],
      ['2g.10gb', 3],
      ['3g.20gb', 2],
      ['4g.20gb', 1],
      ['7g.40gb', 1],
    ]),
    'A100-80GB': profiles([
      ['1g.10gb', 7],
      ['1g.20gb', 4],
      ['2g.20gb', 3],
      ['3g.40gb', 2],
      ['4g.40gb', 1],
      ['7g.80gb', 1],
    ]),
    'H100-80GB': profiles([
      ['1g.10gb', 7],
      ['1g.20gb', 4],
      ['2g.20gb', 3],
      ['3g.40gb', 2],
      ['4g.40gb', 1],
      ['7g.80gb', 1],
    ]),
    'H100-94GB': profiles([
      ['1g.12gb', 7],
      ['1g.24gb', 4],
      ['2g.24gb', 3],
      ['3g.47gb', 2],
      ['4g.47gb', 1],
      ['7g.94gb', 1],
    ]),
    'H200-141GB': profiles([
      ['1g.18gb', 7],
      ['1g.35gb', 4],
      ['2g.35gb', 3],
      ['3g.71gb', 2],
      ['4g.71gb', 1],
      ['7g.141gb', 1],
    ]),
    'B200-180GB': profiles([
      ['1g.23gb', 7],
      ['1g.45gb', 4],
      ['2g.45gb', 3],
      ['3g.90gb', 2],
      ['4g.90gb', 1],
      ['7g.180gb', 1],
    ]),
  };

/** The GPU models that have MIG profiles, in catalog order. */
export const MIG_GPU_MODELS = Object.keys(MIG_PROFILES_BY_GPU) as MigGpuModel[];

/** Every known MIG profile name, deduplicated, sorted by memory then slices. */
export const KNOWN_MIG_PROFILES: readonly string[] = [
  ...new Map(
    Object.values(MIG_PROFILES_BY_GPU)
      .flat()
      .map(p => [p.profile, p] as const),
  ).values(),
]
  .sort((a, b) => a.memoryGb - b.memoryGb || a.computeSlices - b.computeSlices)
  .map(p => p.profile);

/** Splits `3g.40gb` into compute slices and memory; undefined when it is not of that form. */
export function parseMigProfileName(
  profile: string,
): { computeSlices: number; memoryGb: number } | undefined {
  const match = /^([1-8])g\.(\d+)gb$/.exec(profile);
  if (!match) {
    return undefined;
  }
  return { computeSlices: Number(match[1]), memoryGb: Number(match[2]) };
}

/** The GPU models that offer `profile` (empty when no GPU does). */
export function gpuModelsForMigProfile(profile: string): MigGpuModel[] {
  return MIG_GPU_MODELS.filter(gpu =>
    MIG_PROFILES_BY_GPU[gpu].some(p => p.profile === profile),
  );
}

/**
 * Checks a MIG profile name, optionally against one GPU model. Returns the
 * profile, or a sentence that says why it is not valid.
 */
export function checkMigProfile(
  profile: string,
  gpuModel?: MigGpuModel,
): { ok: true; profile: MigProfile } | { ok: false; reason: string } {
  if (profile.includes('+')) {
    return {
      ok: false,
      reason: `"${profile}" is a media-extension profile; Kubernetes resource names cannot contain "+", so pods cannot request it`,
    };
  }
  const models = gpuModel ? [gpuModel] : gpuModelsForMigProfile(profile);
  for (const model of models) {
    const found = MIG_PROFILES_BY_GPU[model].find(p => p.profile === profile);
    if (found) {
      return { ok: true, profile: found };
    }
  }
  if (gpuModel) {
    return {
      ok: false,
      reason: `"${profile}" is not a MIG profile of ${gpuModel} (known: ${MIG_PROFILES_BY_GPU[
        gpuModel
      ]
        .map(p => p.profile)
        .join(', ')})`,
    };
  }
  return {
    ok: false,
    reason: `"${profile}" is not a known NVIDIA MIG profile (known: ${KNOWN_MIG_PROFILES.join(
      ', ',
    )})`,
  };
}
