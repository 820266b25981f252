import type { HpaMetricSpec } from '../../types/status';
import {
  container,
  deployment,
  hpa,
  podSpec,
  scaledObject,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { utilizationWithoutRequestsRule } from './utilizationWithoutRequests';

const noCpu = podSpec([
  container({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }),
  container({ name: 'envoy', requests: { cpu: '100m', memory: '64Mi' } }),
]);

describe('utilization-without-requests', () => {
  it('flags a CPU utilization target on a container without a CPU request', () => {
    const [f] = utilizationWithoutRequestsRule.evaluate(
      buildWorkloadModel({
        deployment: deployment('text-classifier', noCpu),
        hpas: [hpa('text-classifier')],
      }),
    );
    expect(f).toMatchObject({
      id: 'utilization-without-requests',
      severity: 'error',
      subject: 'HorizontalPodAutoscaler/text-classifier',
    });
    expect(f.title).toBe(
      'HorizontalPodAutoscaler/text-classifier targets cpu utilization but container server has no cpu request',
    );
    expect(f.evidence).toContain('missing request for cpu');
  });

  it('checks only the named container of a ContainerResource metric, and KEDA cpu triggers', () => {
    const perContainer: HpaMetricSpec = {
      type: 'ContainerResource',
      containerResource: {
        name: 'cpu',
        container: 'envoy',
        target: { type: 'Utilization', averageUtilization: 60 },
      },
    };
    const d = deployment('text-classifier', noCpu);
    expect(
      utilizationWithoutRequestsRule.evaluate(
        buildWorkloadModel({
          deployment: d,
          hpas: [hpa('text-classifier', { metrics: [perContainer] })],
        }),
      ),
    ).toEqual([]);
    const so = scaledObject('text-classifier', {
      triggers: [
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
      ],
    });
    expect(
      utilizationWithoutRequestsRule.evaluate(
        buildWorkloadModel({ deployment: d, scaledObjects: [so] }),
      )[0].subject,
    ).toBe('ScaledObject/text-classifier');
  });

  it('accepts a limit as the request, and AverageValue targets without requests', () => {
    const limitOnly = podSpec([
      container({ requests: {}, limits: { cpu: '1', memory: '1Gi' } }),
    ]);
    expect(
      utilizationWithoutRequestsRule.evaluate(
        buildWorkloadModel({
          podSpec: limitOnly,
          hpas: [
            hpa('a', {
              metrics: [
                {
                  type: 'Resource',
                  resource: {
                    name: 'cpu',
                    target: { type: 'Utilization', averageUtilization: 70 },
                  },
                },
              ],
            }),
          ],
        }),
      ),
    ).toEqual([]);
    const avg: HpaMetricSpec = {
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: { type: 'AverageValue', averageValue: '400m' },
      },
    };
    expect(
      utilizationWithoutRequestsRule.evaluate(
        buildWorkloadModel({
          podSpec: noCpu,
          hpas: [hpa('a', { metrics: [avg] })],
        }),
      ),
    ).toEqual([]);
  });
});
