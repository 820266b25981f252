import { LoggerService } from '@backstage/backend-plugin-api';
import { PatternPresets } from '@internal/plugin-model-scaling-common';
import { FleetWhatIfRuns, FleetWhatIfRunsOptions } from './FleetWhatIfRuns';
import { WhatIfWorkerPool, workersCanLoadWhatIf } from './WhatIfWorkerPool';

/** The fleet what-if as the router mounts it, with a worker pool on the machine's cores. */
export function createFleetWhatIf(deps: {
  entities: FleetWhatIfRunsOptions['entities'];
  status: FleetWhatIfRunsOptions['status'];
  /** The plugin's per-caller authorizer, shared with the other routes. */
  authorizer: FleetWhatIfRunsOptions['authorizer'];
  presets: PatternPresets;
  logger: LoggerService;
}): { runs: FleetWhatIfRuns; presets: PatternPresets; close(): Promise<void> } {
  // Without a way for workers to load the TypeScript sources (e.g. under Jest), replays run on the event loop in slices.
  const pool = workersCanLoadWhatIf() ? new WhatIfWorkerPool() : undefined;
  if (!pool)
    deps.logger.info(
      'Fleet what-if runs on the event loop: worker threads cannot load the TypeScript sources here',
    );
  const runs = new FleetWhatIfRuns({
    entities: deps.entities,
    status: deps.status,
    authorizer: deps.authorizer,
    presets: deps.presets,
    pool,
    logger: deps.logger,
  });
  return {
    runs,
    presets: deps.presets,
    async close() {
      runs.close();
      await pool?.close();
    },
  };
}
