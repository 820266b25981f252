import { fleetQueryString } from './fleetQueryString';
import { parseFleetQuery } from './fleetQuery';

describe('fleetQueryString', () => {
  it('is empty for the defaults', () => {
    expect(fleetQueryString({})).toBe('');
  });

  it('round-trips through the route’s parser', () => {
    const text = fleetQueryString({
      offset: 50,
      limit: 25,
      sort: 'gpus',
      order: 'desc',
      verdict: ['failing', 'at-risk'],
      pattern: ['unset'],
      owner: ['group:default/ml'],
      cluster: ['prod'],
      drifted: true,
      q: ' bert & co ',
    });
    const params = Object.fromEntries(new URLSearchParams(text));
    expect(parseFleetQuery(params)).toEqual({
      query: {
        offset: 50,
        limit: 25,
        sort: 'gpus',
        order: 'desc',
        verdict: ['failing', 'at-risk'],
        pattern: ['unset'],
        owner: ['group:default/ml'],
        cluster: ['prod'],
        drifted: true,
        q: 'bert & co',
      },
    });
  });
});
