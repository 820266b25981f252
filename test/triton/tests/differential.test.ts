import fs from 'node:fs';
import path from 'node:path';
import {
  calibrate,
  DifferentialRow,
  differentialPoint,
  formatDifferentialTable,
} from '../lib/differential';
import { STATE_DIR } from '../lib/tritonEnv';

/*
 * The batching model against Triton's dynamic batcher: an open-loop load at
 * 25 %, 60 % and 90 % of one instance's capacity without batching, to the
 * model without dynamic batching and to the golden-path model (preferred
 * 4/8/16, 5 ms delay, max 32); the same arrivals go into simulateBatching.
 * TRITON_DIFF_SECONDS sets the seconds per point (default 20).
 */

const SECONDS = Number(process.env.TRITON_DIFF_SECONDS ?? 20);
const LOADS = [0.25, 0.6, 0.9];
const TOLERANCE = 0.15;
/**
 * A judged mean queue time passes when it lies within the band the simulation gives for this run's
 * own calibration (every execution 2 standard errors shorter / longer, `simulatedQueueBandMs`),
 * widened by 15 % or this many milliseconds, whichever is larger: queue times of a few ms vary more
 * than 15 % run to run (the real server alone gave 8.69, 9.19 and 12.31 ms for the same point,
 * golden-path config at 90 %, in three runs on this shared 2-core machine; docs/triton-tests.md),
 * and near saturation the queue is steep in the time per execution (1 % longer ≈ 10 % more queue
 * at 90 % load).
 */
const QUEUE_ABSOLUTE_MS = Number(process.env.TRITON_DIFF_QUEUE_MS ?? 2.5);
/** Above this lateness of the load generator (p99, ms) the machine is too busy to judge queue times. */
const QUIET_LATE_P99_MS = Number(process.env.TRITON_DIFF_QUIET_MS ?? 3);

describe('simulateBatching against the real dynamic batcher', () => {
  const rows: DifferentialRow[] = [];

  afterAll(() => {
    const table = formatDifferentialTable(rows);
    fs.writeFileSync(path.join(STATE_DIR, 'differential.md'), `${table}\n`);
    // eslint-disable-next-line no-console
    console.log(
      `${table}\n(also in ${path.join(STATE_DIR, 'differential.md')})`,
    );
  });

  it('predicts the average batch size at every point within 15 %, and the mean queue time wherever the machine kept time within the calibration band ± 15 % or 2.5 ms', async () => {
    const calibration = await calibrate({
      plainModel: 'resnet50-nobatch',
      batchingModel: 'resnet50',
    });
    // eslint-disable-next-line no-console
    console.log('calibration', calibration);
    let seed = 1;
    for (const model of ['resnet50-nobatch', 'resnet50']) {
      for (const loadFraction of LOADS) {
        rows.push(
          await differentialPoint({
            model,
            loadFraction,
            calibration,
            seconds: SECONDS,
            seed: seed++,
          }),
        );
      }
    }
    for (const r of rows) {
      const where = `${r.model} at ${r.loadFraction * 100} %`;
      expect({ where, batch: Math.abs(r.batchError) <= TOLERANCE }).toEqual({
        where,
        batch: true,
      });
      // Queue times are only comparable while this machine keeps time: when the load generator
      // itself ran late (other work on the cores), Triton's threads did too, and no model of
      // Triton's batcher contains that. Such points are listed, not judged.
      if (r.lateP99Ms <= QUIET_LATE_P99_MS) {
        const [lo, hi] = r.simulatedQueueBandMs;
        const low = Math.min(lo * (1 - TOLERANCE), lo - QUEUE_ABSOLUTE_MS);
        const high = Math.max(hi * (1 + TOLERANCE), hi + QUEUE_ABSOLUTE_MS);
        const queueOk =
          r.real.averageQueueMs >= low && r.real.averageQueueMs <= high;
        expect({ where, queue: queueOk }).toEqual({
          where,
          queue: true,
        });
      } else {
        // eslint-disable-next-line no-console
        console.warn(
          `${where}: queue time not judged, the machine was busy (sends up to ${r.lateP99Ms.toFixed(
            1,
          )} ms late, p99)`,
        );
      }
    }
    // The batching model did batch under load, and the other never did.
    expect(rows[5].real.averageBatchSize).toBeGreaterThan(1.2);
    expect(rows[2].real.averageBatchSize).toBe(1);
  });
});
