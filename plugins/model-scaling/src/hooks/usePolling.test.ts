import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolling } from './usePolling';

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(value: DocumentVisibilityState) {
  visibility = value;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Runs pending timers and lets the awaited promises settle. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

describe('usePolling', () => {
  beforeAll(() => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    });
  });

  beforeEach(() => {
    visibility = 'visible';
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads at once, then every interval', async () => {
    let n = 0;
    const load = jest.fn(async () => ++n);
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 15000 }),
    );

    expect(result.current.loading).toBe(true);
    await advance(0);
    expect(result.current).toMatchObject({ loading: false, value: 1 });
    expect(result.current.updatedAt).toBeInstanceOf(Date);

    await advance(14999);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(result.current.value).toBe(2);
    await advance(15000);
    expect(result.current.value).toBe(3);
  });

  it('stops while the document is hidden and catches up when it is shown', async () => {
    let n = 0;
    const load = jest.fn(async () => ++n);
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 15000 }),
    );
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    await advance(120000);
    expect(load).toHaveBeenCalledTimes(1);

    // The result is older than the interval: refresh at once.
    setVisibility('visible');
    await advance(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toBe(2);
  });

  it('on becoming visible soon after a load, waits for the rest of the interval', async () => {
    const load = jest.fn(async () => 'ok');
    renderHook(() => usePolling(load, { intervalMs: 15000 }));
    await advance(0);
    setVisibility('hidden');
    await advance(5000);
    setVisibility('visible');
    await advance(9999);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps the last value when a refresh fails, and clears the error on success', async () => {
    const load = jest
      .fn<Promise<string>, [AbortSignal]>()
      .mockResolvedValueOnce('first')
      .mockRejectedValueOnce(new Error('cluster gone'))
      .mockResolvedValueOnce('third');
    const { result } = renderHook(() => usePolling(load, { intervalMs: 1000 }));
    await advance(0);
    expect(result.current.value).toBe('first');

    await advance(1000);
    expect(result.current.value).toBe('first');
    expect(result.current.error?.message).toBe('cluster gone');

    await advance(1000);
    expect(result.current.value).toBe('third');
    expect(result.current.error).toBeUndefined();
  });

  it('aborts the request in flight and stops polling on unmount', async () => {
    let signal: AbortSignal | undefined;
    const load = jest.fn(
      (s: AbortSignal) =>
        new Promise<string>(() => {
          signal = s;
        }),
    );
    const { unmount } = renderHook(() =>
      usePolling(load, { intervalMs: 1000 }),
    );
    await advance(0);
    expect(signal?.aborted).toBe(false);
    unmount();
    expect(signal?.aborted).toBe(true);
    await advance(10000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('refresh() loads now', async () => {
    const load = jest.fn(async () => 'x');
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 60000 }),
    );
    await advance(0);
    act(() => result.current.refresh());
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });
});
