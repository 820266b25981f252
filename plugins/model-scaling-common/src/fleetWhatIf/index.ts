export {
  fleetWhatIf,
  fleetWhatIfResults,
  prepareChange,
  summarizeFleetWhatIf,
  whatIfService,
} from './fleetWhatIf';
export type { FleetWhatIfOptions, PreparedChange } from './fleetWhatIf';
export {
  applyPresetChange,
  changedPresetFields,
  replayedFields,
} from './applyPresetChange';
export { dayOf, serviceDay, syntheticDay } from './serviceDay';
export type {
  DayFigures,
  FleetWhatIfResult,
  FleetWhatIfService,
  FleetWhatIfServiceResult,
  FleetWhatIfTarget,
  FleetWhatIfTotals,
  PresetChange,
} from './types';
