/*
 * Realistic API documents of the four example services, typed against the
 * contract in @internal/plugin-model-scaling-common so they cannot drift.
 */
export { textClassifierStatus } from './textClassifier';
export { imageClassifierStatus } from './imageClassifier';
export { batchEmbedderStatus } from './batchEmbedder';
export { summarizerStatus } from './summarizer';
export { fleetResponse, clustersResponse } from './fleet';
export { modelServiceEntity } from './entities';
export { fleetPageResponse } from './fleetPage';
