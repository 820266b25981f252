export { detectDrift } from './detectDrift';
