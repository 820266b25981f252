import { withScaleDownWindow } from './withScaleDownWindow';

describe('withScaleDownWindow', () => {
  it('sets the scale-down window and keeps the rest of the behavior', () => {
    const behavior = {
      scaleUp: { stabilizationWindowSeconds: 0 },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        policies: [{ type: 'Percent' as const, value: 50, periodSeconds: 60 }],
      },
    };
    expect(withScaleDownWindow(behavior, 60)).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0 },
      scaleDown: {
        stabilizationWindowSeconds: 60,
        policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
      },
    });
    expect(behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(withScaleDownWindow(undefined, 120)).toEqual({
      scaleDown: { stabilizationWindowSeconds: 120 },
    });
  });
});
