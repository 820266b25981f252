export { FleetCost } from './FleetCost';
