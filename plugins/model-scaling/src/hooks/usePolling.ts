import { useCallback, useEffect, useRef, useState } from 'react';

/** What {@link usePolling} returns. */
export interface PollingState<T> {
  /** The newest successful result; kept while a later refresh fails. */
  value?: T;
  /** The error of the newest attempt, cleared by the next success. */
  error?: Error;
  /** True until the first attempt has finished. */
  loading: boolean;
  /** When `value` was received. */
  updatedAt?: Date;
  /** Loads now and restarts the interval. */
  refresh: () => void;
}

/** Options of {@link usePolling}. */
export interface PollingOptions {
  /** Milliseconds between the end of one load and the start of the next. */
  intervalMs: number;
}

function isDocumentVisible(): boolean {
  return (
    typeof document === 'undefined' || document.visibilityState !== 'hidden'
  );
}

/**
 * Loads now, then again every `intervalMs` while the document is visible.
 * Hidden documents are not polled; on becoming visible again, a result older
 * than the interval is refreshed at once. Unmounting (for example leaving the
 * entity tab) aborts the request in flight and stops the timer.
 *
 * `load` is re-run from scratch when its identity changes, so wrap it in
 * `useCallback` with the inputs it depends on.
 */
export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  options: PollingOptions,
): PollingState<T> {
  const { intervalMs } = options;
  const [state, setState] = useState<Omit<PollingState<T>, 'refresh'>>({
    loading: true,
  });
  const runRef = useRef<() => void>(() => {});

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let lastFinishedAt = 0;
    let inFlight = false;

    setState({ loading: true });

    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = undefined;
      if (!disposed && isDocumentVisible()) {
        timer = setTimeout(run, Math.max(0, delay));
      }
    };

    async function run() {
      clearTimeout(timer);
      timer = undefined;
      if (disposed || inFlight) {
        return;
      }
      inFlight = true;
      controller = new AbortController();
      try {
        const value = await load(controller.signal);
        if (!disposed) {
          setState({ value, loading: false, updatedAt: new Date() });
        }
      } catch (e) {
        if (!disposed) {
          const error = e instanceof Error ? e : new Error(String(e));
          setState(previous => ({ ...previous, error, loading: false }));
        }
      } finally {
        inFlight = false;
        lastFinishedAt = Date.now();
        schedule(intervalMs);
      }
    }

    const onVisibilityChange = () => {
      if (!isDocumentVisible()) {
        clearTimeout(timer);
        timer = undefined;
        return;
      }
      if (!inFlight) {
        schedule(lastFinishedAt + intervalMs - Date.now());
      }
    };

    runRef.current = () => {
      void run();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    void run();

    return () => {
      disposed = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [load, intervalMs]);

  const refresh = useCallback(() => runRef.current(), []);
  return { ...state, refresh };
}
