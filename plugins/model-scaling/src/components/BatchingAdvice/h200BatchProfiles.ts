import {
  BatchProfile,
  loadBatchProfiles,
} from '@internal/plugin-model-scaling-common';
import h200 from './batch-profile-h200.json';

/**
 * Batch-latency profiles measured on an NVIDIA H200 (ResNet-50, BERT-base,
 * an MLP; fp16, CUDA graphs), validated by the common package's loader. The
 * JSON is `shared/data/batch-profile-h200.json` as measured.
 */
export const H200_BATCH_PROFILES: BatchProfile[] = loadBatchProfiles(h200);
