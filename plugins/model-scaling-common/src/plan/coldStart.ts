/**
 * A rough estimate of a pod's cold start (creation to Ready) on a node that
 * already exists: image pull and start, then loading the weights. GPU
 * serving images (Triton) are large, and weights are read from storage at a
 * few hundred MB/s. It is only used to pick a pattern; the Scaling tab shows
 * the measured value.
 */
export function estimateColdStartSeconds(
  modelSizeGb: number,
  needsGpu: boolean,
): number {
  const startSeconds = needsGpu ? 45 : 15;
  const loadSecondsPerGb = 4;
  return Math.round(startSeconds + modelSizeGb * loadSecondsPerGb);
}
