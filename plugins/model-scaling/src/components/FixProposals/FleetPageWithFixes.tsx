import { FleetPage } from '../FleetPage';
import { BringToPreset } from './BringToPreset';

/**
 * The fleet page with "Bring to preset" as the action on the selected
 * services (the rows get checkboxes). In the new frontend system the app
 * draws the page header; the legacy page brings its own (`withHeader`).
 */
export function FleetPageWithFixes(props: { withHeader?: boolean }) {
  return (
    <FleetPage
      withHeader={props.withHeader}
      selectionActions={(selected, clear) => (
        <BringToPreset services={selected} onProposed={clear} />
      )}
    />
  );
}

/** The fleet page with "Bring to preset" and its own header, for the legacy frontend system. */
export function LegacyFleetPageWithFixes() {
  return <FleetPageWithFixes withHeader />;
}
