import { blankSimulationPoint, copySimulationPoint } from './simulationPoint';

describe('copySimulationPoint', () => {
  it('copies every field, clearing optional ones the source lacks', () => {
    const into = blankSimulationPoint();
    const full = {
      t: 15,
      load: 40,
      desiredReplicas: 3,
      readyReplicas: 2,
      unservedRps: 5,
      perPodLoad: 20,
      backlog: 7,
      latencyMs: 55,
    };
    copySimulationPoint(into, full);
    expect(into).toEqual(full);
    copySimulationPoint(into, {
      t: 30,
      load: 0,
      desiredReplicas: 0,
      readyReplicas: 0,
      unservedRps: 0,
    });
    expect(into).toEqual({
      ...blankSimulationPoint(),
      t: 30,
    });
    expect(Object.keys(into).sort()).toEqual(
      Object.keys(blankSimulationPoint()).sort(),
    );
  });
});
