import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

function example(description: string, input: Record<string, unknown>) {
  return {
    description,
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'model-service:plan:create',
          name: 'Plan scaling and render manifests',
          input,
        },
      ],
    }),
  };
}

/** Examples of `model-service:plan:create`, one per golden-path pattern. */
export const examples: TemplateExample[] = [
  example(
    'A small CPU model with steady traffic: pattern auto recommends realtime-cpu (HPA on CPU 70 % and memory 80 %)',
    {
      name: 'text-classifier',
      owner: 'group:default/ml-platform',
      description: 'Classifies support tickets by topic',
      namespace: 'ml-serving',
      framework: 'onnx',
      modelSizeGb: 0.5,
      needsGpu: false,
      latencySloMs: 100,
      peakRps: 200,
      trafficShape: 'steady',
      pattern: 'auto',
    },
  ),
  example(
    'ResNet-50 on a whole H200: realtime-gpu with Triton dynamic batching and KEDA on the request rate',
    {
      name: 'image-classifier',
      owner: 'group:default/ml-platform',
      namespace: 'ml-serving',
      framework: 'onnx',
      modelSizeGb: 0.1,
      needsGpu: true,
      latencySloMs: 20,
      peakRps: 400,
      trafficShape: 'steady',
      pattern: 'realtime-gpu',
      tritonModelName: 'resnet50',
      gpu: { sharing: 'exclusive', product: 'NVIDIA-H200' },
      batching: {
        preferredBatchSizes: [4, 8, 16],
        maxQueueDelayMicroseconds: 5000,
      },
      keda: { threshold: 100 },
    },
  ),
  example(
    'An embedding job fed by Kafka: async-batch consumers on time-sliced GPUs on spot nodes, KEDA on consumer lag',
    {
      name: 'batch-embedder',
      owner: 'group:default/ml-platform',
      namespace: 'ml-batch',
      framework: 'pytorch',
      modelSizeGb: 0.4,
      needsGpu: true,
      latencySloMs: 2000,
      peakRps: 500,
      trafficShape: 'queue',
      pattern: 'auto',
      tritonModelName: 'bert-embedder',
      gpu: { sharing: 'time-slicing' },
      queue: {
        type: 'kafka',
        bootstrapServers: 'kafka.ml-batch.svc:9092',
        topic: 'documents-to-embed',
        lagThreshold: 100,
      },
      spot: true,
    },
  ),
  example(
    'A summarizer called in bursts: bursty scales to zero on a MIG slice, with a 120 s cold-start budget',
    {
      name: 'summarizer',
      owner: 'group:default/ml-platform',
      namespace: 'ml-serving',
      framework: 'pytorch',
      modelSizeGb: 1.5,
      needsGpu: true,
      latencySloMs: 500,
      peakRps: 50,
      trafficShape: 'bursty',
      pattern: 'bursty',
      tritonModelName: 'summarizer-encoder',
      gpu: { sharing: 'mig', migProfile: '1g.18gb', model: 'H200-141GB' },
      scaleToZero: { activationThreshold: 1, coldStartBudgetSeconds: 120 },
    },
  ),
];
