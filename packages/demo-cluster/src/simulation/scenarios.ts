import { Rng } from './rng';

/** A Triton model a scenario serves and which H200 profile drives it. */
export interface ScenarioModel {
  /** Triton model name (the model_repository directory). */
  name: string;
  /** Model name in the batch-profile file, e.g. `resnet50-224`. */
  profile: string;
  /** Items per request the client sends (a consumer sending batches of 64 sends 64). */
  clientBatch: number;
  /** GPU memory of the loaded model. */
  memoryBytes: number;
}

/** How a service's load behaves over a day, and how its pods start and consume. */
export interface Scenario {
  /**
   * `http`: requests arrive and are spread over ready pods.
   * `queue`: messages arrive on a topic and ready pods consume them (lag builds up).
   */
  traffic: 'http' | 'queue';
  /** Requests (or messages) per second at an hour of the day (0 to 24). */
  rate: (hourOfDay: number) => number;
  /** CPU of a pod: idle millicores, plus millicores per request per second. */
  cpuIdleMillicores: number;
  cpuMillicoresPerRequest: number;
  /** Working-set memory of a pod, MiB, plus MiB per request per second. */
  memoryBaseMiB: number;
  memoryMiBPerRequest: number;
  /** Seconds from container start to Ready (image pull plus model load), drawn per pod. */
  coldStartSeconds: [number, number];
  /** Part of the cold start spent pulling and creating the container. */
  containerCreatingSeconds: [number, number];
  /** Triton models, for GPU services. */
  models: ScenarioModel[];
  /** Messages per second one consumer pod can process (queue traffic). */
  consumerCapacityPerPod?: number;
  /** GPU time stretch: 1 on a whole GPU, more on a MIG slice or a time-sliced GPU. */
  gpuSlowdown: number;
  /** Hours of the day when the trigger's source cannot be read (KEDA trigger errors). */
  triggerOutages?: [number, number][];
}

/** A smooth daily curve: a night floor plus Gaussian bumps, with ±`noise` seeded ripple. */
export function dailyCurve(options: {
  night: number;
  bumps: { hour: number; height: number; width: number }[];
  noise: number;
  rng: Rng;
}): (hour: number) => number {
  const phases = [0, 1, 2].map(() => options.rng.between(0, 2 * Math.PI));
  return hour => {
    let value = options.night;
    for (const b of options.bumps) {
      for (const shift of [-24, 0, 24]) {
        const d = hour - (b.hour + shift);
        value += b.height * Math.exp(-(d * d) / (2 * b.width * b.width));
      }
    }
    const ripple =
      Math.sin(hour * 2.7 + phases[0]) * 0.5 +
      Math.sin(hour * 7.1 + phases[1]) * 0.3 +
      Math.sin(hour * 13.3 + phases[2]) * 0.2;
    return Math.max(0, value * (1 + options.noise * ripple));
  };
}

/** Bursts: zero outside, a plateau with soft edges inside `[start, start + duration)`. */
export function burstCurve(
  bursts: { start: number; duration: number; height: number }[],
): (hour: number) => number {
  return hour => {
    let value = 0;
    for (const b of bursts) {
      const into = hour - b.start;
      if (into < 0 || into >= b.duration) continue;
      const edge = Math.min(into, b.duration - into);
      value += b.height * Math.min(1, edge / 0.08);
    }
    return value;
  };
}

const GiB = 1024 * 1024 * 1024;

/**
 * The demo's four services. Figures are chosen so each shows a finding naturally:
 * text-classifier reaches its max of 20 in the early afternoon; image-classifier runs
 * ~100 requests/s per pod, too few to fill Triton batches with a 100 µs queue delay;
 * batch-embedder's morning backfill needs more time-sliced GPUs than the spot node has,
 * and its Kafka lag cannot be read for a while in the afternoon (KEDA fallback);
 * summarizer scales from zero for bursts and takes ~2 minutes to be ready on a MIG slice,
 * above its 60 s budget.
 */
export function demoScenarios(rng: Rng): Record<string, Scenario> {
  return {
    'ml-serving/text-classifier': {
      traffic: 'http',
      rate: dailyCurve({
        night: 140,
        bumps: [
          { hour: 11, height: 1400, width: 1.8 },
          { hour: 14.5, height: 2100, width: 1.7 },
          { hour: 19.5, height: 500, width: 1.5 },
        ],
        noise: 0.05,
        rng: rng.fork('text-classifier'),
      }),
      cpuIdleMillicores: 30,
      cpuMillicoresPerRequest: 3.2,
      memoryBaseMiB: 520,
      memoryMiBPerRequest: 0.6,
      coldStartSeconds: [8, 13],
      containerCreatingSeconds: [2, 4],
      models: [],
      gpuSlowdown: 1,
    },
    'ml-serving/image-classifier': {
      traffic: 'http',
      rate: dailyCurve({
        night: 110,
        bumps: [
          { hour: 12.5, height: 820, width: 2.6 },
          { hour: 20.5, height: 300, width: 1.6 },
        ],
        noise: 0.06,
        rng: rng.fork('image-classifier'),
      }),
      cpuIdleMillicores: 250,
      cpuMillicoresPerRequest: 6,
      memoryBaseMiB: 6200,
      memoryMiBPerRequest: 2,
      coldStartSeconds: [42, 75],
      containerCreatingSeconds: [14, 22],
      models: [
        {
          name: 'resnet50',
          profile: 'resnet50-224',
          clientBatch: 1,
          memoryBytes: 1.3 * GiB,
        },
      ],
      gpuSlowdown: 1,
    },
    'ml-batch/batch-embedder': {
      traffic: 'queue',
      rate: (() => {
        const base = dailyCurve({
          night: 400,
          bumps: [{ hour: 13, height: 1600, width: 3.5 }],
          noise: 0.08,
          rng: rng.fork('batch-embedder'),
        });
        const backfill = burstCurve([
          { start: 8.5, duration: 2.75, height: 9000 },
        ]);
        return (h: number) => base(h) + backfill(h);
      })(),
      cpuIdleMillicores: 200,
      cpuMillicoresPerRequest: 2.5,
      memoryBaseMiB: 4300,
      memoryMiBPerRequest: 0.5,
      coldStartSeconds: [48, 80],
      containerCreatingSeconds: [15, 25],
      models: [
        {
          name: 'bert-embedder',
          profile: 'bert-base-seq128',
          clientBatch: 64,
          memoryBytes: 0.9 * GiB,
        },
      ],
      consumerCapacityPerPod: 320,
      gpuSlowdown: 1.6,
      triggerOutages: [[16.2, 17.4]],
    },
    'ml-serving/summarizer': {
      traffic: 'http',
      // Bursts of 50-130 requests/s, 0.8-1 simulated hours long (2-2.5 real minutes at the
      // default time scale), with quiet gaps long enough for KEDA's cooldown to scale to zero.
      rate: burstCurve([
        { start: 8.0, duration: 0.9, height: 70 },
        { start: 10.4, duration: 1.0, height: 110 },
        { start: 13.2, duration: 0.8, height: 60 },
        { start: 16.0, duration: 1.0, height: 130 },
        { start: 19.0, duration: 0.9, height: 50 },
      ]),
      cpuIdleMillicores: 150,
      cpuMillicoresPerRequest: 12,
      memoryBaseMiB: 5200,
      memoryMiBPerRequest: 4,
      coldStartSeconds: [98, 135],
      containerCreatingSeconds: [25, 40],
      models: [
        {
          name: 'summarizer-encoder',
          profile: 'bert-base-seq128',
          clientBatch: 1,
          memoryBytes: 0.9 * GiB,
        },
      ],
      gpuSlowdown: 4.5,
    },
  };
}

/**
 * A scenario for a Deployment the demo does not know (created through the API or
 * synthetic): a steady business-hours curve sized to its current replicas, Triton models
 * taken from the `model-scaling.io/triton-models` annotation when it serves on GPU.
 */
export function defaultScenario(options: {
  gpu: boolean;
  replicas: number;
  tritonModels: string[];
  rng: Rng;
}): Scenario {
  const perPod = options.gpu ? 80 : 60;
  const mid = Math.max(1, options.replicas) * perPod;
  return {
    traffic: 'http',
    rate: dailyCurve({
      night: mid * 0.4,
      bumps: [{ hour: 13, height: mid * 0.8, width: 3 }],
      noise: 0.05,
      rng: options.rng,
    }),
    cpuIdleMillicores: options.gpu ? 200 : 25,
    cpuMillicoresPerRequest: options.gpu ? 5 : 4,
    memoryBaseMiB: options.gpu ? 4000 : 400,
    memoryMiBPerRequest: 0.5,
    coldStartSeconds: options.gpu ? [40, 90] : [8, 14],
    containerCreatingSeconds: options.gpu ? [12, 20] : [2, 4],
    models: options.tritonModels.map(name => ({
      name,
      profile: 'bert-base-seq128',
      clientBatch: 1,
      memoryBytes: 1 * GiB,
    })),
    gpuSlowdown: 1,
  };
}
