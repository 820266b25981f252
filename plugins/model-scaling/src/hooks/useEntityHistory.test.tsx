import { TestApiProvider } from '@backstage/test-utils';
import {
  EntityHistoryResponse,
  WorkloadHistory,
} from '@internal/plugin-model-scaling-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { mockModelScalingApi } from '../__fixtures__/modelScalingApi';
import { textClassifierStatus } from '../__fixtures__';
import { ModelScalingApi, modelScalingApiRef } from '../api/ModelScalingApi';
import { useEntityHistory, withHistory } from './useEntityHistory';

const REF = 'component:default/text-classifier';
const t = (minute: number) =>
  new Date(Date.UTC(2026, 11, 4, 10, minute)).toISOString();

const history = (...minutes: number[]): WorkloadHistory => ({
  stepSeconds: 15,
  replicas: minutes.map(m => ({ t: t(m), current: m, ready: m })),
  metrics: [
    {
      name: 'cpu',
      unit: '%',
      target: 60,
      points: minutes.map(m => ({ t: t(m), v: m * 10 })),
    },
  ],
  triton: [],
});

const answer = (
  windowStartMinute: number,
  workloads: [string, WorkloadHistory][],
): EntityHistoryResponse => ({
  entityRef: REF,
  generatedAt: t(59),
  windowStart: t(windowStartMinute),
  workloads: workloads.map(([name, h]) => ({
    cluster: 'demo',
    namespace: 'ml-serving',
    name,
    history: h,
  })),
});

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function render(api: ModelScalingApi) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[modelScalingApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
  return renderHook(() => useEntityHistory(REF, 15_000), { wrapper });
}

describe('useEntityHistory', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('loads the window once, then only what is after the newest point held, dropping what left the window', async () => {
    const getEntityHistory = jest
      .fn()
      .mockResolvedValueOnce(
        answer(0, [
          ['text-classifier', history(1, 2)],
          ['text-classifier-canary', history(1)],
        ]),
      )
      .mockResolvedValueOnce(answer(2, [['text-classifier', history(3)]]))
      .mockResolvedValueOnce(answer(3, []));
    const { result } = render(mockModelScalingApi({ getEntityHistory }));
    await advance(0);
    expect(getEntityHistory).toHaveBeenLastCalledWith(
      REF,
      {},
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(
      result.current.value?.get('demo/ml-serving/text-classifier'),
    ).toEqual(history(1, 2));

    await advance(15_000);
    expect(getEntityHistory).toHaveBeenLastCalledWith(
      REF,
      { after: t(2) },
      expect.anything(),
    );
    expect(
      result.current.value?.get('demo/ml-serving/text-classifier'),
    ).toEqual(history(2, 3));
    // The canary's only point left the window.
    expect(
      result.current.value?.has('demo/ml-serving/text-classifier-canary'),
    ).toBe(false);

    await advance(15_000);
    expect(getEntityHistory).toHaveBeenLastCalledWith(
      REF,
      { after: t(3) },
      expect.anything(),
    );
    expect(
      result.current.value?.get('demo/ml-serving/text-classifier'),
    ).toEqual(history(3));
  });

  it('keeps what it holds when a refresh fails, and asks again from it', async () => {
    const getEntityHistory = jest
      .fn()
      .mockResolvedValueOnce(answer(0, [['text-classifier', history(1)]]))
      .mockRejectedValueOnce(new Error('backend restarting'))
      .mockResolvedValueOnce(answer(0, [['text-classifier', history(2)]]));
    const { result } = render(mockModelScalingApi({ getEntityHistory }));
    await advance(0);
    await advance(15_000);
    expect(result.current.error?.message).toBe('backend restarting');
    expect(
      result.current.value?.get('demo/ml-serving/text-classifier'),
    ).toEqual(history(1));
    await advance(15_000);
    expect(getEntityHistory).toHaveBeenLastCalledWith(
      REF,
      { after: t(1) },
      expect.anything(),
    );
    expect(
      result.current.value?.get('demo/ml-serving/text-classifier'),
    ).toEqual(history(1, 2));
  });

  it('holds nothing without getEntityHistory in the API', async () => {
    const { result } = render(mockModelScalingApi());
    await advance(0);
    expect(result.current.value?.size).toBe(0);
    expect(result.current.error).toBeUndefined();
  });

  it('puts the held history on the status document’s workloads', () => {
    const w = textClassifierStatus.workloads[0];
    const key = `${w.cluster}/${w.namespace}/${w.name}`;
    const merged = withHistory(
      textClassifierStatus,
      new Map([[key, history(1)]]),
    );
    expect(merged.workloads[0].history).toEqual(history(1));
    expect(withHistory(textClassifierStatus, new Map())).toBe(
      textClassifierStatus,
    );
  });
});
