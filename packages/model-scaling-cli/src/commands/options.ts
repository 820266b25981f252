import { CliError } from '../CliError';

/** Checks a `--format` value against the allowed ones. */
export function parseFormat<T extends string>(
  value: string | undefined,
  allowed: T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as string[]).includes(value)) {
    throw new CliError(
      `--format must be ${allowed.join(' or ')} (got "${value}")`,
    );
  }
  return value as T;
}

/** Parses a number option that must be greater than 0. */
export function parsePositiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new CliError(
      `${flag} must be a number greater than 0 (got "${value}")`,
    );
  }
  return n;
}

/** Parses a number option that must be 0 or more. */
export function parseNonNegativeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new CliError(
      `${flag} must be a number of 0 or more (got "${value}")`,
    );
  }
  return n;
}
