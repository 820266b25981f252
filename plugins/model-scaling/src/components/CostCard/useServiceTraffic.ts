import { useApiHolder } from '@backstage/core-plugin-api';
import {
  CostSettings,
  TrafficResponse,
} from '@internal/plugin-model-scaling-common';
import useAsync from 'react-use/esm/useAsync';
import { modelScalingApiRef } from '../../api/ModelScalingApi';

/** The cost settings and a service's recorded traffic over `range`, or why not. */
export interface ServiceTraffic {
  loading: boolean;
  error?: Error;
  /** Absent when the backend has no GPU economics (an older API). */
  settings?: CostSettings;
  traffic?: TrafficResponse;
}

/** Loads the cost settings and, when costs are on, the traffic of `entityRef` over `range`. */
export function useServiceTraffic(
  entityRef: string,
  range: string,
  options: {
    /** Skip the traffic when costs are off (default true). */
    needsCosts?: boolean;
    /** False: load nothing (default true). */
    enabled?: boolean;
  } = {},
): ServiceTraffic {
  // Optional: a view rendered without the API (a test, another app) shows no cost.
  const api = useApiHolder().get(modelScalingApiRef);
  const needsCosts = options.needsCosts ?? true;
  const enabled = options.enabled ?? true;
  const state = useAsync(async () => {
    if (!enabled || !api?.getCostSettings || !api.getTraffic) return {};
    const settings = await api.getCostSettings();
    if (needsCosts && !settings.enabled) return { settings };
    const traffic = await api.getTraffic(entityRef, range);
    return { settings, traffic };
  }, [api, entityRef, range, needsCosts, enabled]);
  return {
    loading: state.loading,
    ...(state.error && { error: state.error }),
    ...state.value,
  };
}
