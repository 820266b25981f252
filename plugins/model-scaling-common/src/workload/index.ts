/*
 * A workload's status document: the views of its objects (status/, below) and the findings and
 * verdict over them (findings/, verdict/), assembled in one place above both, so status/ and
 * findings/ never import each other.
 */
export { buildWorkloadStatus } from './buildWorkloadStatus';
export type { WorkloadStatusInput } from './buildWorkloadStatus';
