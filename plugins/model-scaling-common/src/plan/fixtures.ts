import type { ModelServiceAnswers } from './answersSchema';

/*
 * Answers for the four example services of the demo (examples/entities),
 * shared by the tests of the plan, the renderers and the linter.
 */

/** text-classifier: a DistilBERT classifier on CPU. */
export const textClassifierAnswers: ModelServiceAnswers = {
  name: 'text-classifier',
  owner: 'group:default/ml-platform',
  description: 'Sentiment of support tickets',
  framework: 'onnx',
  modelSizeGb: 0.26,
  needsGpu: false,
  latencySloMs: 100,
  peakRps: 400,
  trafficShape: 'diurnal',
  namespace: 'ml-serving',
  image: 'ghcr.io/acme-ml/text-classifier:1.8.2',
};

/** image-classifier: ResNet-50 on a whole H200. */
export const imageClassifierAnswers: ModelServiceAnswers = {
  name: 'image-classifier',
  owner: 'group:default/vision',
  framework: 'onnx',
  modelSizeGb: 0.1,
  needsGpu: true,
  latencySloMs: 20,
  peakRps: 1200,
  trafficShape: 'steady',
  namespace: 'ml-serving',
  tritonModelName: 'resnet50',
  gpu: { sharing: 'exclusive', model: 'H200-141GB', product: 'NVIDIA-H200' },
  modelRepository: 's3://acme-ml-models/image-classifier/model_repository',
};

/** batch-embedder: a Kafka consumer with BERT on time-sliced spot GPUs. */
export const batchEmbedderAnswers: ModelServiceAnswers = {
  name: 'batch-embedder',
  owner: 'group:default/search',
  framework: 'onnx',
  modelSizeGb: 0.44,
  needsGpu: true,
  latencySloMs: 2000,
  peakRps: 3000,
  trafficShape: 'queue',
  namespace: 'ml-batch',
  tritonModelName: 'bert-embedder',
  image: 'ghcr.io/acme-ml/embedding-consumer:2.3.0',
  gpu: { sharing: 'time-slicing' },
  queue: {
    type: 'kafka',
    bootstrapServers: 'kafka-bootstrap.kafka.svc:9092',
    topic: 'documents-to-embed',
    lagThreshold: 2000,
    activationLagThreshold: 50,
  },
  spot: true,
};

/** summarizer: a bursty encoder on a MIG 1g.18gb slice of an H200. */
export const summarizerAnswers: ModelServiceAnswers = {
  name: 'summarizer',
  owner: 'group:default/docs',
  framework: 'onnx',
  modelSizeGb: 0.5,
  needsGpu: true,
  latencySloMs: 500,
  peakRps: 120,
  trafficShape: 'bursty',
  namespace: 'ml-serving',
  tritonModelName: 'summarizer-encoder',
  gpu: { sharing: 'mig', migProfile: '1g.18gb', model: 'H200-141GB' },
  scaleToZero: { activationThreshold: 1, coldStartBudgetSeconds: 60 },
  keda: { threshold: 20 },
};
