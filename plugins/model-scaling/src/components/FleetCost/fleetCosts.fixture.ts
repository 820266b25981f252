import { FleetCostsResponse } from '@internal/plugin-model-scaling-common';

/** The fleet costs of three demo services, for the tests. */
export const fleetCosts: FleetCostsResponse = {
  generatedAt: '2026-12-02T12:00:00Z',
  enabled: true,
  currency: 'USD',
  windowSeconds: 86400,
  totals: {
    gpuHours: 103.88,
    gpuHoursNeeded: 92.3,
    idleShare: 0.111,
    cost: 1101.15,
    gpuHoursSavedPerDay: 0.14,
    servicesWithFigures: 2,
    services: 3,
  },
  services: [
    {
      entityRef: 'component:default/summarizer',
      name: 'summarizer',
      pattern: 'bursty',
      gpuHours: 2.95,
      gpuHoursNeeded: 0.53,
      idleShare: 0.82,
      cost: 31.26,
      topSaving: {
        title: 'Scale down after 60 s instead of 300 s',
        gpuHoursSavedPerDay: 0.14,
        costSavedPerDay: 1.48,
        verdict: 'saves',
        explanation: 'saves 0.14 GPU-h a day, same SLO minutes',
      },
      problems: [],
    },
    {
      entityRef: 'component:default/image-classifier',
      name: 'image-classifier',
      pattern: 'realtime-gpu',
      gpuHours: 100.93,
      gpuHoursNeeded: 91.77,
      idleShare: 0.09,
      cost: 1069.89,
      problems: [],
    },
    {
      entityRef: 'component:default/text-classifier',
      name: 'text-classifier',
      pattern: 'realtime-cpu',
      problems: [
        'ml-serving/text-classifier: the workload requests no GPU, "none"',
      ],
    },
  ],
};
