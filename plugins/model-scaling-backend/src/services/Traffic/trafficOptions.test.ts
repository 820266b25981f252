import { ConfigReader } from '@backstage/config';
import { readTrafficOptions } from './trafficOptions';

const read = (modelScaling: object) =>
  readTrafficOptions(new ConfigReader({ modelScaling }));

describe('readTrafficOptions', () => {
  it('defaults to 7 days at most, 24 h in memory and no Prometheus', () => {
    expect(read({})).toEqual({ maxRangeSeconds: 604800, recordHours: 24 });
  });

  it('reads queries per pattern, a plain string being a rate', () => {
    const options = read({
      traffic: {
        maxRange: '2d',
        prometheus: {
          url: 'http://127.0.0.1:9090',
          queries: {
            'realtime-gpu': 'sum(rate(x{namespace="$namespace"}[1m]))',
            bursty: { query: 'sum(y)', counter: true },
          },
        },
      },
    });
    expect(options.maxRangeSeconds).toBe(172800);
    expect(options.prometheus?.queries).toEqual({
      'realtime-gpu': {
        query: 'sum(rate(x{namespace="$namespace"}[1m]))',
        counter: false,
      },
      bursty: { query: 'sum(y)', counter: true },
    });
  });

  it("uses Triton's Prometheus when the traffic section has no URL", () => {
    const options = read({
      triton: { prometheus: { url: 'http://127.0.0.1:9091' } },
      traffic: { prometheus: { queries: { bursty: 'sum(y)' } } },
    });
    expect(options.prometheus?.url).toBe('http://127.0.0.1:9091');
  });

  it('names the key and the rule of a bad value', () => {
    expect(() => read({ traffic: { maxRange: '1w' } })).toThrow(
      "Invalid config at modelScaling.traffic.maxRange: must be a duration such as '24h' or '7d'",
    );
    expect(() =>
      read({ traffic: { prometheus: { queries: { bursty: '' } } } }),
    ).toThrow('modelScaling.traffic.prometheus.queries.bursty');
    expect(() =>
      read({ traffic: { prometheus: { url: 'ftp://x', queries: {} } } }),
    ).toThrow(
      'Invalid config at modelScaling.traffic.prometheus.url: must be an http or https URL',
    );
  });
});
