/*
 * The demo cluster in its own process for the benchmark, so its simulation
 * does not share the event loop with the backend being measured.
 * Started by status.bench.ts with `fork`; talks over the IPC channel.
 */
import { startDemoCluster } from '@internal/demo-cluster';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  answerTritonQuery,
  FakeScrapedPod,
} from '../src/__testUtils__/fakePrometheus';
import { fakeMetricsText } from '../src/__testUtils__/fakeTriton';

/**
 * A synthetic Prometheus for the benchmark's Prometheus mode: it answers the
 * collector's aggregated queries over the given pods (replaceable), whose Triton counters
 * grow with time at a rate of their own (as if Prometheus scraped them every
 * second), and counts the queries.
 */
function startSyntheticPrometheus(pods: {
  list: { namespace: string; pod: string; model: string }[];
}) {
  let queries = 0;
  const started = Date.now();
  let scrape: {
    at: number;
    of: unknown[];
    pods: FakeScrapedPod[];
  } = { at: 0, of: [], pods: [] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', d => (body += d));
    req.on('end', () => {
      queries += 1;
      const query = new URLSearchParams(body).get('query') ?? '';
      const now = Date.now();
      // Scraped every second, so two rounds a second apart see new samples;
      // the queries of one second are evaluated over the same scrape, as
      // Prometheus evaluates them over its stored samples.
      const scrapedAt = now - ((now - started) % 1000);
      if (scrape.at !== scrapedAt || scrape.of !== pods.list) {
        const seconds = (scrapedAt - started) / 1000 + 100;
        scrape = {
          at: scrapedAt,
          of: pods.list,
          pods: pods.list.map((p, i) => {
            const rate = 10 + (i % 50);
            return {
              namespace: p.namespace,
              pod: p.pod,
              scrapedAt,
              metrics: fakeMetricsText(p.model, {
                success: Math.round(seconds * rate),
                executions: { 4: Math.round((seconds * rate) / 4) },
                queueUs: Math.round(seconds * rate * 800),
                pending: i % 5,
              }),
            };
          }),
        };
      }
      const scraped = scrape.pods;
      try {
        const result = answerTritonQuery(query, scraped, now);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result },
          }),
        );
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'error',
            errorType: 'bad_data',
            error: String(error),
          }),
        );
      }
    });
  });
  return new Promise<{ url: string; queries: () => number }>(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        queries: () => queries,
      }),
    ),
  );
}

async function main() {
  const services = Number(process.env.BENCH_SERVICES ?? 1000);
  const pods = Number(process.env.BENCH_PODS ?? 5);
  const demo = await startDemoCluster({
    port: 0,
    loadExamples: false,
    synthetic: { services, podsPerService: pods },
    // Simulated seconds before serving (the demo cluster's default with synthetic services: 120).
    ...(process.env.BENCH_WARMUP_SECONDS && {
      warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS),
    }),
  });
  let prometheus: { url: string; queries: () => number } | undefined;
  // Each `prometheus` message sets the pods it serves.
  const prometheusPods = { list: [] as any[] };
  process.on('message', async (msg: { type: string; pods?: any[] }) => {
    if (msg.type === 'prometheus') {
      prometheusPods.list = msg.pods ?? [];
      prometheus ??= await startSyntheticPrometheus(prometheusPods);
      process.send!({ type: 'prometheus', url: prometheus.url });
    } else if (msg.type === 'promCounts') {
      process.send!({
        type: 'promCounts',
        queries: prometheus?.queries() ?? 0,
      });
    } else if (msg.type === 'reset') {
      demo.resetCounts();
      process.send!({ type: 'reset' });
    } else if (msg.type === 'counts') {
      process.send!({ type: 'counts', counts: { ...demo.requestCounts } });
    } else if (msg.type === 'stop') {
      demo.stop().then(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', url: demo.url, token: demo.token });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
