import { kedaScaledObjectState } from './kedaScaledObjectState';

describe('kedaScaledObjectState', () => {
  it('is active when an external trigger is above its activation threshold', () => {
    expect(
      kedaScaledObjectState([
        { type: 'prometheus', aboveActivation: false },
        { type: 'kafka', aboveActivation: true },
      ]),
    ).toEqual({ isActive: true, isError: false, isFallbackActive: false });
  });

  it('does not count cpu/memory triggers towards activity next to external ones', () => {
    expect(
      kedaScaledObjectState([
        { type: 'cpu' },
        { type: 'prometheus', aboveActivation: false },
      ]),
    ).toEqual({ isActive: false, isError: false, isFallbackActive: false });
  });

  it('is always active with only cpu/memory triggers, unless one failed', () => {
    expect(
      kedaScaledObjectState([{ type: 'cpu' }, { type: 'memory' }]).isActive,
    ).toBe(true);
  });

  it('reports an error for a failing trigger and stays active through another', () => {
    expect(
      kedaScaledObjectState([
        { type: 'prometheus', error: true },
        { type: 'kafka', aboveActivation: true },
      ]),
    ).toEqual({ isActive: true, isError: true, isFallbackActive: false });
  });

  it('counts a trigger whose fallback answers as active, not as an error', () => {
    expect(
      kedaScaledObjectState([
        { type: 'prometheus', fallbackActive: true, value: 600 },
      ]),
    ).toEqual({ isActive: true, isError: false, isFallbackActive: true });
  });
});
