/*
 * The HTTP clients of the benchmarks in their own process, as browsers are:
 * their work (sockets, reading answers) does not share the event loop of the
 * backend being measured. Started by `startHttpLoadChild` (benchHarness.ts);
 * each `measure` message runs the given paths with `concurrency` clients on
 * keep-alive sockets and answers with every latency, sorted.
 */
import { createHttpMeasurer } from './benchHarness';

interface MeasureMessage {
  type: 'measure';
  port: number;
  paths: string[];
  concurrency: number;
}

const measurers = new Map<number, ReturnType<typeof createHttpMeasurer>>();

process.on('message', async (msg: MeasureMessage | { type: 'stop' }) => {
  if (msg.type === 'stop') {
    for (const m of measurers.values()) m.close();
    process.exit(0);
  }
  let measurer = measurers.get(msg.concurrency);
  if (!measurer) {
    measurer = createHttpMeasurer(msg.concurrency);
    measurers.set(msg.concurrency, measurer);
  }
  try {
    const result = await measurer.measure(
      msg.paths.length,
      msg.port,
      i => msg.paths[i],
      msg.concurrency,
    );
    process.send!({ type: 'measured', result });
  } catch (error) {
    process.send!({ type: 'measured', error: String(error) });
  }
});
process.send!({ type: 'ready' });
