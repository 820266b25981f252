/** Models read per pod at most, unless configured (`modelScaling.triton.maxModelsPerPod`). */
export const DEFAULT_MAX_MODELS_PER_POD = 32;
/** Series a metrics document may hold before it is refused unparsed. */
export const DEFAULT_MAX_SERIES_PER_DOCUMENT = 20_000;
/** Characters of a pod's error text kept in the status. */
export const DEFAULT_MAX_ERROR_CHARS = 1_000;

const MAX_MODEL_NAME_CHARS = 256;

/**
 * Why a model name must not be put into a pod-proxy path, or undefined when
 * it may. Model names come from catalog annotations and from what a pod's
 * `/metrics` reports, so both are untrusted: `.` and `..` would walk the
 * proxied path, and `/` or `\` would leave `/v2/models/<name>/`.
 */
export function modelNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(capText(name, 64));
  if (name.length === 0) return 'model name "" is not allowed (empty)';
  if (name === '.' || name === '..') {
    return `model name ${shown} is not allowed (a path segment)`;
  }
  if (/[/\\]/.test(name)) {
    return `model name ${shown} is not allowed (contains "/" or "\\")`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return `model name ${shown} is not allowed (control characters)`;
  }
  if (name.length > MAX_MODEL_NAME_CHARS) {
    return `model name ${shown} is not allowed (longer than ${MAX_MODEL_NAME_CHARS} characters)`;
  }
  return undefined;
}

/**
 * The number of samples (series) in a Prometheus text document: lines that
 * are neither empty nor comments. A linear scan, no parsing.
 */
export function countSeries(text: string): number {
  let count = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // Skip leading blanks of the line.
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i < end && text[i] !== '#' && text[i] !== '\r') count++;
    start = end + 1;
  }
  return count;
}

/** `text` cut to at most `max` characters, with an ellipsis when cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
