import { BatchProfile, loadBatchProfiles } from '../batchProfile';
import h200 from './batch-profile-h200.json';

/**
 * Batch-latency profiles measured on an NVIDIA H200 (ResNet-50, BERT-base, an MLP; fp16, CUDA
 * graphs), validated by {@link loadBatchProfiles}. Shipped once, as data, for the what-if and the
 * batching advice in the browser, the CLI's default profile and the demo cluster's Triton.
 *
 * @public
 */
export const H200_BATCH_PROFILES: BatchProfile[] = loadBatchProfiles(h200);

/**
 * The H200 profile file as measured (the shape `loadBatchProfiles` reads), for writing it out.
 *
 * @public
 */
export const H200_BATCH_PROFILE_FILE: unknown = h200;
