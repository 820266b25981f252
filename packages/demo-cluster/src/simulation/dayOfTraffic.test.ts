import { Rng } from './rng';
import { demoScenarios } from './scenarios';
import { scenarioRateSamples } from './dayOfTraffic';

describe('scenarioRateSamples', () => {
  it('reads the daily curve at the UTC hour of each step', () => {
    const scenario = { rate: (hour: number) => hour * 10 };
    const day = Date.UTC(2026, 11, 1) / 1000;
    expect(
      scenarioRateSamples(scenario, {
        startSec: day + 3600 - 30,
        endSec: day + 3 * 3600,
        stepSeconds: 3600,
      }),
    ).toEqual([
      [day + 3600, '10'],
      [day + 7200, '20'],
      [day + 10800, '30'],
    ]);
  });

  it('gives each demo service a different day: a peak by day, bursts with nothing between', () => {
    const scenarios = demoScenarios(new Rng(7));
    const range = { startSec: 0, endSec: 86400 - 60, stepSeconds: 60 };
    const day = (key: string) =>
      scenarioRateSamples(scenarios[key], range).map(([, v]) => Number(v));
    const text = day('ml-serving/text-classifier');
    expect(Math.max(...text)).toBeGreaterThan(10 * Math.min(...text));
    const bursts = day('ml-serving/summarizer');
    expect(bursts.filter(v => v === 0).length).toBeGreaterThan(1000);
    expect(Math.max(...bursts)).toBeGreaterThan(50);
  });
});
