import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  PatternPresets,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import { useMemo } from 'react';

/**
 * The golden-path presets as the platform team set them
 * (`modelScaling.patterns` in app-config, visible to the frontend), merged
 * onto the built-in defaults; the built-in defaults when the config is
 * missing or invalid (the backend reports invalid config at start).
 */
export function usePatternPresets(): PatternPresets {
  const config = useApi(configApiRef);
  const raw = config.getOptional<Record<string, unknown>>(
    'modelScaling.patterns',
  );
  const key = JSON.stringify(raw ?? null);
  return useMemo(() => {
    try {
      return resolvePatternPresets(raw ?? {});
    } catch {
      return resolvePatternPresets({});
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
