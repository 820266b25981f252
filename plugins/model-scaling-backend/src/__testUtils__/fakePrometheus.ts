import { PrometheusSample } from '../services/TritonCollector/PrometheusClient';

/** A pod Prometheus has scraped: its labels, its `/metrics` text, when and its GPU use. */
export interface FakeScrapedPod {
  namespace: string;
  pod: string;
  cluster?: string;
  metrics: string;
  /** Scrape time, ms since the epoch. */
  scrapedAt: number;
  gpuUtilization?: number;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    labels[m[1]] = m[2].replace(/\\(.)/g, '$1');
  }
  return labels;
}

type LabelTest = (labels: Record<string, string | undefined>) => boolean;

/** The label matchers of a selector, compiled once per query (PromQL regexes are anchored). */
function compileMatchers(matchers: string): LabelTest {
  const tests: LabelTest[] = [];
  for (const m of matchers.matchAll(/(\w+)(=~|=)"((?:[^"\\]|\\.)*)"/g)) {
    const [, name, op, raw] = m;
    if (op === '=') {
      const literal = raw.replace(/\\(.)/g, '$1');
      tests.push(labels => (labels[name] ?? '') === literal);
    } else {
      // The string escapes of the literal come first.
      const re = new RegExp(`^(?:${raw.replace(/\\\\/g, '\\')})$`);
      tests.push(labels => re.test(labels[name] ?? ''));
    }
  }
  return labels => tests.every(t => t(labels));
}

interface ParsedSample {
  family: string;
  labels: Record<string, string | undefined>;
  value: number;
}

/**
 * Each scraped pod's samples, parsed once per text (a scrape answers every
 * query evaluated over it, as Prometheus's stored samples do).
 */
const parsedScrapes = new WeakMap<
  FakeScrapedPod,
  { text: string; samples: ParsedSample[] }
>();

function samplesOf(pod: FakeScrapedPod): ParsedSample[] {
  const parsed = parsedScrapes.get(pod);
  if (parsed?.text === pod.metrics) return parsed.samples;
  const podLabels = {
    namespace: pod.namespace,
    pod: pod.pod,
    cluster: pod.cluster,
  };
  const samples: ParsedSample[] = [];
  for (const line of pod.metrics.split('\n')) {
    const s = line.match(/^(\w+)(?:\{(.*)\})? (\S+)$/);
    if (!s) continue;
    samples.push({
      family: s[1],
      labels: { ...parseLabels(s[2] ?? ''), ...podLabels },
      value: Number(s[3]),
    });
  }
  parsedScrapes.set(pod, { text: pod.metrics, samples });
  return samples;
}

/**
 * Answers the instant queries the Triton collector sends in Prometheus mode,
 * evaluated over scraped pods as Prometheus would: `sum|max by (…)
 * (family{matchers})`, `max by (…) (timestamp(family{…}))` and `avg by (…)
 * (DCGM_FI_DEV_GPU_UTIL{…})`. Throws on any other query, so a change of the
 * query shape fails the tests that use it.
 */
export function answerTritonQuery(
  query: string,
  pods: FakeScrapedPod[],
  evaluatedAt: number,
): PrometheusSample[] {
  const m = query.match(
    /^(sum|max|avg) by \(([\w, ]+)\) \((timestamp\()?(\w+)\{(.*)\}\)?\)$/,
  );
  if (!m) throw new Error(`unexpected query: ${query}`);
  const [, op, byText, timestamp, family, matchers] = m;
  const by = byText.split(',').map(s => s.trim());
  const groups = new Map<
    string,
    { metric: Record<string, string>; values: number[] }
  >();
  const add = (labels: Record<string, string | undefined>, value: number) => {
    const metric: Record<string, string> = {};
    for (const l of by) if (labels[l] !== undefined) metric[l] = labels[l]!;
    const key = JSON.stringify(metric);
    const g = groups.get(key) ?? { metric, values: [] };
    g.values.push(value);
    groups.set(key, g);
  };
  const matches = compileMatchers(matchers);
  for (const pod of pods) {
    if (family === 'DCGM_FI_DEV_GPU_UTIL') {
      const podLabels = {
        namespace: pod.namespace,
        pod: pod.pod,
        cluster: pod.cluster,
      };
      if (pod.gpuUtilization !== undefined && matches(podLabels)) {
        add(podLabels, pod.gpuUtilization);
      }
      continue;
    }
    for (const sample of samplesOf(pod)) {
      if (sample.family !== family || !matches(sample.labels)) continue;
      add(sample.labels, timestamp ? pod.scrapedAt / 1000 : sample.value);
    }
  }
  return [...groups.values()].map(g => {
    let v: number;
    if (op === 'sum') v = g.values.reduce((a, b) => a + b, 0);
    else if (op === 'max') v = Math.max(...g.values);
    else v = g.values.reduce((a, b) => a + b, 0) / g.values.length;
    return { metric: g.metric, value: [evaluatedAt / 1000, String(v)] };
  });
}
