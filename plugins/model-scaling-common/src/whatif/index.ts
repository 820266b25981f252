export { whatIfDefaults, roundNice } from './whatIfDefaults';
export type {
  CapacityKind,
  WhatIfModel,
  WhatIfSettings,
} from './whatIfDefaults';
export { buildSimulationInput, toMetricSpec } from './buildSimulationInput';
export { DAY_SECONDS, LOAD_SHAPES, loadCurve } from './loadShapes';
export type { LoadShape } from './loadShapes';
export { replayTargetForWorkload } from './replayTargetForWorkload';
