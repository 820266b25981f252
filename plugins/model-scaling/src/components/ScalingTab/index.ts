export { ScalingTab, SCALING_TAB_POLL_INTERVAL_MS } from './ScalingTab';
