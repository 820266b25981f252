import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { HealthStatus } from './HealthStatus';

describe('HealthStatus', () => {
  it.each([
    ['ok', 'Status ok'],
    ['warning', 'Status warning'],
    ['error', 'Status error'],
    ['neutral', 'Status pending'],
  ] as const)(
    'renders %s with the matching status icon',
    async (health, label) => {
      await renderInTestApp(<HealthStatus health={health}>text</HealthStatus>);
      expect(screen.getByLabelText(label)).toHaveTextContent('text');
    },
  );
});
