import { IncomingMessage, ServerResponse } from 'node:http';
import { Scenario } from '../simulation/scenarios';
import {
  DEMO_RATE_METRIC,
  scenarioRateSamples,
} from '../simulation/dayOfTraffic';

/** Path prefix of the demo's Prometheus API (read-only, no token, like a Prometheus). */
export const PROMETHEUS_PREFIX = '/prometheus/';

/** At most this many points per answer, as Prometheus refuses more than 11,000. */
const MAX_POINTS = 11000;

function send(res: ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function badData(res: ServerResponse, error: string) {
  send(res, 400, { status: 'error', errorType: 'bad_data', error });
}

/** Label matchers `name="value"` of a selector (only equality is served). */
function equalityMatchers(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of query.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"/g)) {
    out[m[1]] = m[2];
  }
  return out;
}

/** What Prometheus would refuse in a `query_range` request, in its words. */
function requestProblem(
  query: string,
  startSec: number,
  endSec: number,
  stepSeconds: number,
): string | undefined {
  if (!query) return 'missing parameter "query"';
  if (!Number.isFinite(startSec) || !Number.isFinite(endSec)) {
    return 'invalid parameter "start" or "end"';
  }
  if (!(stepSeconds > 0)) {
    return 'zero or negative query resolution step widths are not accepted';
  }
  if (endSec < startSec) return 'end timestamp must not be before start time';
  if ((endSec - startSec) / stepSeconds > MAX_POINTS) {
    return 'exceeded maximum resolution of 11,000 points per timeseries';
  }
  return undefined;
}

/**
 * `query_range` of the demo's Prometheus: `demo_requests_per_second` (alone
 * or inside `sum(...)`) with `namespace` and `deployment` matchers answers
 * that service's daily scenario curve (see `scenarioRateSamples`); any other
 * selector answers no series, as a Prometheus without that metric would.
 */
export function handlePrometheusRequest(
  scenarioOf: (namespace: string, deployment: string) => Scenario | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): void {
  if (url.pathname !== `${PROMETHEUS_PREFIX}api/v1/query_range`) {
    send(res, 404, {
      status: 'error',
      errorType: 'not_found',
      error: `the demo's Prometheus serves only ${PROMETHEUS_PREFIX}api/v1/query_range`,
    });
    return;
  }
  const params = new URLSearchParams(url.search);
  if ((req.method ?? 'GET').toUpperCase() === 'POST') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) {
      params.set(k, v);
    }
  }
  const query = params.get('query') ?? '';
  const startSec = Number(params.get('start'));
  const endSec = Number(params.get('end'));
  const stepSeconds = Number((params.get('step') ?? '').replace(/s$/, ''));
  const problem = requestProblem(query, startSec, endSec, stepSeconds);
  if (problem) {
    badData(res, problem);
    return;
  }
  const labels = equalityMatchers(query);
  const scenario =
    query.includes(DEMO_RATE_METRIC) && labels.namespace && labels.deployment
      ? scenarioOf(labels.namespace, labels.deployment)
      : undefined;
  send(res, 200, {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: scenario
        ? [
            {
              metric: /^\s*sum\s*\(/.test(query)
                ? {}
                : { __name__: DEMO_RATE_METRIC, ...labels },
              values: scenarioRateSamples(scenario, {
                startSec,
                endSec,
                stepSeconds,
              }),
            },
          ]
        : [],
    },
  });
}
