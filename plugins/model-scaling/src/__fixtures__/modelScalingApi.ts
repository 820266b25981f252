import { ModelScalingApi } from '../api/ModelScalingApi';

/**
 * A {@link ModelScalingApi} for tests: each required method a `jest.fn()`
 * that answers nothing, unless `overrides` gives it (with the optional ones
 * the card under test calls).
 */
export function mockModelScalingApi(
  overrides: Partial<ModelScalingApi> = {},
): ModelScalingApi {
  return {
    getEntityStatus: jest.fn(),
    getFleet: jest.fn(),
    getFleetPage: jest.fn(),
    getClusters: jest.fn(),
    ...overrides,
  };
}
