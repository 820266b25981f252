/**
 * An error answered as a Kubernetes `Status` object, the way kube-apiserver answers it.
 */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: { name?: string; group?: string; kind?: string };

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: { name?: string; group?: string; kind?: string },
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** The `Status` body kube-apiserver sends with this error. */
  toStatus(): KubeStatus {
    return statusBody(this.code, this.reason, this.message, this.details);
  }

  static notFound(resource: string, name: string, group = ''): ApiError {
    const qualified = group ? `${resource}.${group}` : resource;
    return new ApiError(404, 'NotFound', `${qualified} "${name}" not found`, {
      name,
      group: group || undefined,
      kind: resource,
    });
  }

  static alreadyExists(resource: string, name: string, group = ''): ApiError {
    const qualified = group ? `${resource}.${group}` : resource;
    return new ApiError(
      409,
      'AlreadyExists',
      `${qualified} "${name}" already exists`,
      { name, group: group || undefined, kind: resource },
    );
  }

  static conflict(resource: string, name: string, why: string): ApiError {
    return new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${resource} "${name}": ${why}`,
      { name, kind: resource },
    );
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  }

  static invalid(kind: string, name: string, causes: string[]): ApiError {
    return new ApiError(
      422,
      'Invalid',
      `${kind} "${name}" is invalid: ${causes.join(', ')}`,
      { name, kind },
    );
  }

  static gone(message: string): ApiError {
    return new ApiError(410, 'Expired', message);
  }
}

/** The `Status` object of the Kubernetes API. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

/** Builds a `Status` body. */
export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: KubeStatus['details'],
): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 400 ? 'Success' : 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}
