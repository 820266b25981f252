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

function matches(
  matchers: string,
  labels: Record<string, string | undefined>,
): boolean {
  for (const m of matchers.matchAll(/(\w+)(=~|=)"((?:[^"\\]|\\.)*)"/g)) {
    const [, name, op, raw] = m;
    const value = labels[name] ?? '';
    if (op === '=' && value !== raw.replace(/\\(.)/g, '$1')) return false;
    if (op === '=~') {
      // PromQL regexes are anchored; the string escapes of the literal come first.
      const re = new RegExp(`^(?:${raw.replace(/\\\\/g, '\\')})$`);
      if (!re.test(value)) return false;
    }
  }
  return true;
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
  for (const pod of pods) {
    const podLabels = {
      namespace: pod.namespace,
      pod: pod.pod,
      cluster: pod.cluster,
    };
    if (family === 'DCGM_FI_DEV_GPU_UTIL') {
      if (pod.gpuUtilization !== undefined && matches(matchers, podLabels)) {
        add(podLabels, pod.gpuUtilization);
      }
      continue;
    }
    for (const line of pod.metrics.split('\n')) {
      const s = line.match(/^(\w+)(?:\{(.*)\})? (\S+)$/);
      if (!s || s[1] !== family) continue;
      const labels = { ...parseLabels(s[2] ?? ''), ...podLabels };
      if (!matches(matchers, labels)) continue;
      add(labels, timestamp ? pod.scrapedAt / 1000 : Number(s[3]));
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
