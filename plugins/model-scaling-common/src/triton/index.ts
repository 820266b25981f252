export {
  renderTritonConfig,
  tritonConfigOfPlan,
  tritonConfigPath,
} from './renderTritonConfig';
export { parseTritonConfig, TritonConfigParseError } from './parseTritonConfig';
export { formatTritonConfig } from './formatTritonConfig';
