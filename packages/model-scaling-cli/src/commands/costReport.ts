import type {
  CostAmount,
  ModelServicePlan,
  ReplayResult,
  SavingsResult,
} from '@internal/plugin-model-scaling-common';

/** An amount, or a dash when there is none (the reason is printed beside it). */
function money(amount: CostAmount): string {
  return 'problem' in amount
    ? '—'
    : `${amount.amount.toFixed(2)} ${amount.currency}`;
}

/** `−10.29`, `+1.50`, `0.00`: a change in GPU-hours with its sign. */
function signed(n: number): string {
  const text = Math.abs(n).toFixed(2);
  if (Number(text) === 0) return text;
  return `${n < 0 ? '−' : '+'}${text}`;
}

/** The figures of one replay the report prints. */
function summary(r: ReplayResult) {
  return {
    gpuHours: r.gpuHours,
    gpuHoursPerDay: r.gpuHoursPerDay,
    gpuHoursNeeded: r.gpuHoursNeeded,
    podHours: r.podHours,
    cost: r.cost,
    costPerDay: r.costPerDay,
    sloMinutesMissed: r.sloMinutesMissed,
    unservedRequests: r.unservedRequests,
    totalRequests: r.totalRequests,
    maxReplicas: Math.max(...r.replicaTimeline.points.map(p => p.replicas)),
  };
}

/** The `--json` report: the baseline and each recommendation's replay, without the timelines. */
export function costReportJson(
  plan: ModelServicePlan,
  baseline: ReplayResult,
  savings: SavingsResult[],
  trafficStartMs: number,
): string {
  return `${JSON.stringify(
    {
      service: plan.name,
      pattern: plan.pattern,
      traffic: {
        start: new Date(trafficStartMs).toISOString(),
        durationSeconds: baseline.durationSeconds,
        gapSteps: baseline.gapSteps,
        notes: baseline.notes,
      },
      baseline: summary(baseline),
      recommendations: savings.map(s => ({
        id: s.recommendation.id,
        title: s.recommendation.title,
        ...(s.recommendation.findingId
          ? { findingId: s.recommendation.findingId }
          : {}),
        change: s.recommendation.change,
        verdict: s.verdict,
        breaksSlo: s.breaksSlo,
        gpuHoursSavedPerDay: s.gpuHoursSavedPerDay,
        costSavedPerDay: s.costSavedPerDay,
        explanation: s.explanation,
        changed: summary(s.changed),
      })),
    },
    null,
    2,
  )}\n`;
}

/** The text report: today's figures, then one verdict and explanation per recommendation. */
export function costReportText(
  plan: ModelServicePlan,
  baseline: ReplayResult,
  savings: SavingsResult[],
): string {
  const days = baseline.durationSeconds / 86400;
  const lines = [
    `${plan.name} (${plan.pattern}): ${days.toFixed(
      2,
    )} days of traffic replayed, ${Math.round(
      baseline.totalRequests,
    ).toLocaleString('en-US')} requests`,
    ...baseline.notes.map(n => `  note: ${n}`),
    `Today: ${baseline.gpuHoursPerDay.toFixed(
      2,
    )} GPU-hours/day (the load needed ${(
      baseline.gpuHoursNeeded / days
    ).toFixed(2)}), ${money(baseline.costPerDay)}/day, ${
      baseline.sloMinutesMissed
    } SLO minutes missed, ${Math.round(
      baseline.unservedRequests,
    )} requests unserved`,
  ];
  if ('problem' in baseline.cost)
    lines.push(`  cost: ${baseline.cost.problem}`);
  if (savings.length === 0) {
    lines.push('No capacity change to replay for this service.');
  } else {
    lines.push('Savings per recommendation, replayed on the same traffic:');
    for (const s of savings) {
      let figures = '';
      if (s.verdict === 'breaks-slo')
        figures = ' [not a saving: it breaks the SLO]';
      else if (s.verdict !== 'not-applicable') {
        figures = ` [${signed(-s.gpuHoursSavedPerDay)} GPU-hours/day, ${money(
          s.costSavedPerDay,
        )}/day saved]`;
      }
      lines.push(
        `  ${s.verdict.padEnd(14)} ${s.recommendation.title}${figures}`,
      );
      lines.push(`                 ${s.explanation}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
