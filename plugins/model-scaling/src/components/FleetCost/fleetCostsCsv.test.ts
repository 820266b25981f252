import { fleetCosts } from './fleetCosts.fixture';
import { fleetCostsCsv } from './fleetCostsCsv';

describe('fleetCostsCsv', () => {
  it('writes a header and one row per service, CRLF-terminated', () => {
    const lines = fleetCostsCsv(fleetCosts).split('\r\n');
    // header, three rows, and the empty string after the last CRLF
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      'entity,pattern,gpu_hours_24h,gpu_hours_needed_24h,idle_share,cost_24h,currency,top_saving,gpu_hours_saved_per_day,cost_saved_per_day,problems',
    );
    expect(lines[1]).toBe(
      'component:default/summarizer,bursty,2.95,0.53,0.82,31.26,USD,Scale down after 60 s instead of 300 s,0.14,1.48,',
    );
    expect(lines[4]).toBe('');
  });

  it('leaves a missing figure empty, never 0, and quotes the reason (RFC 4180)', () => {
    expect(fleetCostsCsv(fleetCosts).split('\r\n')[3]).toBe(
      'component:default/text-classifier,realtime-cpu,,,,,,,,,"ml-serving/text-classifier: the workload requests no GPU, ""none"""',
    );
  });
});
