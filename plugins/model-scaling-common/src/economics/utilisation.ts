import type { UtilisationResult } from './types';

/** Compute time may exceed GPU time by this share before the figures are judged inconsistent (sampling edges). */
const OVERLAP_ALLOWANCE = 1.05;

/**
 * GPU utilisation as useful work: Triton's compute time
 * (`nv_inference_compute_infer_duration_us` and the input/output parts, summed
 * over the service's models) over the GPU time the service held in the same
 * interval (GPU-equivalents × seconds). The rest is idle GPU time.
 */
export function utilisation(
  computeSeconds: number,
  gpuSeconds: number,
): UtilisationResult {
  if (!Number.isFinite(gpuSeconds) || gpuSeconds <= 0) {
    return {
      problem: `no GPU time held in the interval (gpuSeconds ${gpuSeconds}); utilisation is undefined`,
    };
  }
  if (!Number.isFinite(computeSeconds) || computeSeconds < 0) {
    return {
      problem: `computeSeconds: must be 0 or more (got ${computeSeconds})`,
    };
  }
  if (computeSeconds > gpuSeconds * OVERLAP_ALLOWANCE) {
    return {
      problem: `compute time ${computeSeconds.toFixed(
        1,
      )} s exceeds the ${gpuSeconds.toFixed(
        1,
      )} GPU-seconds held: several model instances overlap on a GPU, or the two figures cover different intervals`,
    };
  }
  const used = Math.min(computeSeconds, gpuSeconds);
  return { utilisation: used / gpuSeconds, idleSeconds: gpuSeconds - used };
}
