export { lintManifests, lintPlan } from './lintManifests';
export { manifestWorkloadModel } from './manifestWorkloadModel';
export type { WorkloadContext } from './manifestWorkloadModel';
export type { LintOptions } from './lintManifests';
export { readManifests, MANIFEST_CLUSTER } from './readManifests';
export type {
  ManifestFile,
  ManifestObject,
  ManifestTritonConfig,
  ReadManifestsResult,
} from './readManifests';
export { manifestWorkloads } from './manifestWorkloads';
export type { ManifestWorkload } from './manifestWorkloads';
