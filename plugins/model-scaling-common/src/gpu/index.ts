export { interpretGpuSharing, gpuNodeView } from './interpretGpuSharing';
export { gpuRequestsOf, parseGpuResourceName } from './gpuResources';
export type { GpuRequest } from './gpuResources';
export {
  isSpotNode,
  nodeSpotLabel,
  podSpecSpotLabel,
  spotCapacityLabel,
  SPOT_NODE_LABELS,
} from './spot';
