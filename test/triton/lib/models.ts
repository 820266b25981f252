/*
 * The models the test Triton serves. Each one runs the ResNet-50 H200 profile
 * (sleeping for the profiled latency of the batch Triton formed, times the
 * time scale) under a different batching config:
 *  - `resnet50`: the golden path — the config.pbtxt that the `realtime-gpu`
 *    pattern renders for a plan (preferred 4/8/16, 5 ms queue delay, max 32);
 *  - `resnet50-nobatch`: the same model without `dynamic_batching`;
 *  - `resnet50-spare`: a copy the bad-input tests unload.
 */
import {
  createPlan,
  formatTritonConfig,
  imageClassifierAnswers,
  renderTritonConfig,
} from '@internal/plugin-model-scaling-common';
import path from 'node:path';

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The repository's copy of the measured H200 batch profiles. */
export const PROFILE_PATH = path.join(
  REPO_ROOT,
  'plugins/model-scaling-common/src/batching/profiles/batch-profile-h200.json',
);

/** Profile model every test model runs. */
export const PROFILE_MODEL = 'resnet50-224';

/**
 * Every sleep of the models is the profiled latency times this factor: 10 turns
 * ResNet-50's 1.05 ms at batch 1 into 10.5 ms, so the Python model's own
 * overhead per execution (a fraction of a millisecond) is small beside it and
 * the open-loop load a test sends stays within what two shared cores generate.
 */
export const TIME_SCALE = Number(process.env.TRITON_TIME_SCALE ?? 10);

export interface TestModel {
  name: string;
  /** The generated config.pbtxt text. */
  configPbtxt: string;
}

/** The golden-path plan of an image classifier: pattern `realtime-gpu`, Triton model `resnet50`. */
export function goldenPathPlan() {
  return createPlan(imageClassifierAnswers);
}

/** The config.pbtxt files of the test models. */
export function testModels(): TestModel[] {
  const plan = goldenPathPlan();
  const golden = renderTritonConfig(plan);
  const maxBatchSize = plan.triton!.maxBatchSize;
  const plain = (name: string, header: string) =>
    formatTritonConfig(
      {
        name,
        backend: 'python',
        maxBatchSize,
        instanceGroups: [{ count: 1, kind: 'KIND_CPU' }],
      },
      { header: [header] },
    );
  return [
    { name: plan.triton!.modelName, configPbtxt: golden },
    {
      name: `${plan.triton!.modelName}-nobatch`,
      configPbtxt: plain(
        `${plan.triton!.modelName}-nobatch`,
        'The golden-path model without dynamic_batching: every request runs alone.',
      ),
    },
    {
      name: `${plan.triton!.modelName}-spare`,
      configPbtxt: formatTritonConfig(
        {
          ...{ name: `${plan.triton!.modelName}-spare`, backend: 'python' },
          maxBatchSize,
          dynamicBatching: {
            preferredBatchSize: [...plan.triton!.preferredBatchSizes],
            maxQueueDelayMicroseconds: plan.triton!.maxQueueDelayMicroseconds,
          },
          instanceGroups: [{ count: 1, kind: 'KIND_CPU' }],
        },
        { header: ['A copy of the golden-path model that the tests unload.'] },
      ),
    },
  ];
}
