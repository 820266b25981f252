export { SlimObjectError } from './read';
export { toSlimDeployment } from './toSlimDeployment';
export { toSlimReplicaSet } from './toSlimReplicaSet';
export { toSlimPod } from './toSlimPod';
export { toSlimNode } from './toSlimNode';
export { toSlimHpa } from './toSlimHpa';
export {
  toSlimScaledObject,
  KEDA_PAUSED_ANNOTATION,
  KEDA_PAUSED_REPLICAS_ANNOTATION,
} from './toSlimScaledObject';
export { toSlimScaledJob } from './toSlimScaledJob';
export { toSlimService } from './toSlimService';
export {
  toSlimEvent,
  parseRescaleMessage,
  RESCALE_EVENT_REASON,
} from './toSlimEvent';
export { toSlimObject, SLIM_KINDS } from './toSlimObject';
export type { SlimKind } from './toSlimObject';
export {
  toAutoscalerManifest,
  autoscalerManifestYaml,
  AUTOSCALER_MANIFEST_LIMITS,
} from './autoscalerManifest';
export { LAST_APPLIED_ANNOTATION } from './toSlimMeta';
