import type { MODEL_FRAMEWORKS } from './answersSchema';

/** The Triton backend that serves a model of each framework. */
export const TRITON_BACKEND_BY_FRAMEWORK: Record<
  (typeof MODEL_FRAMEWORKS)[number],
  string
> = {
  onnx: 'onnxruntime',
  pytorch: 'pytorch',
  tensorflow: 'tensorflow',
  tensorrt: 'tensorrt',
  python: 'python',
  // Tree models (scikit-learn forests, XGBoost) run on the Forest Inference Library backend.
  sklearn: 'fil',
  xgboost: 'fil',
};
