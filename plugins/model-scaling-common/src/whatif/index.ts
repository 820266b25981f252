export { whatIfDefaults, roundNice } from './whatIfDefaults';
export type {
  CapacityKind,
  WhatIfContext,
  WhatIfModel,
  WhatIfSettings,
} from './whatIfDefaults';
export {
  simulationInputFromWorkload,
  toMetricSpec,
} from './simulationInputFromWorkload';
export type { SimulationSettings } from './simulationInputFromWorkload';
export {
  simulationWorkloadFromPlan,
  simulationWorkloadsFromManifests,
} from './simulationWorkloads';
export type { SimulationWorkload } from './simulationWorkloads';
export { DAY_SECONDS, LOAD_SHAPES, loadCurve } from './loadShapes';
export type { LoadShape } from './loadShapes';
export { replayTargetForWorkload } from './replayTargetForWorkload';
