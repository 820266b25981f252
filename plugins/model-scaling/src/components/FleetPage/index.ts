export { FleetPage, LegacyFleetPage } from './FleetPage';
