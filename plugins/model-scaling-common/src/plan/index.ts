export {
  modelServiceAnswersSchema,
  MODEL_FRAMEWORKS,
  TRAFFIC_SHAPES,
  KAFKA_SASL_MODES,
  DNS_1123_LABEL,
} from './answersSchema';
export type {
  ModelServiceAnswers,
  ParsedModelServiceAnswers,
} from './answersSchema';
export { modelServicePlanSchema } from './planSchema';
export type { ModelServicePlan } from './planSchema';
export { PlanValidationError } from './PlanValidationError';
export type { PlanProblem } from './PlanValidationError';
export { recommendPattern } from './recommendPattern';
export type {
  PatternRecommendation,
  RecommendationInput,
} from './recommendPattern';
export { createPlan, parsePlan } from './createPlan';
export { estimateColdStartSeconds } from './coldStart';
export { TRITON_BACKEND_BY_FRAMEWORK } from './tritonBackend';
export {
  textClassifierAnswers,
  imageClassifierAnswers,
  batchEmbedderAnswers,
  summarizerAnswers,
} from './fixtures';
