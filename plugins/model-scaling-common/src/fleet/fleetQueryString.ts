import type { VerdictLevel } from '../types/status';
import type { FleetSortColumn } from './fleetQuery';

/** What a client asks `GET /v1/fleet` for; everything optional (the route's defaults apply). */
export interface FleetPageRequest {
  offset?: number;
  limit?: number;
  sort?: FleetSortColumn;
  order?: 'asc' | 'desc';
  verdict?: VerdictLevel[];
  /** Pattern ids, or `unset` for services that name none. */
  pattern?: string[];
  owner?: string[];
  cluster?: string[];
  drifted?: boolean;
  q?: string;
}

/** The URL query (`?offset=…&verdict=a,b`) of a {@link FleetPageRequest}; empty values are left out. */
export function fleetQueryString(request: FleetPageRequest): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  put('offset', request.offset);
  put('limit', request.limit);
  put('sort', request.sort);
  put('order', request.order);
  for (const key of ['verdict', 'pattern', 'owner', 'cluster'] as const) {
    const values = request[key];
    if (values && values.length > 0) put(key, values.join(','));
  }
  if (request.drifted !== undefined) put('drifted', String(request.drifted));
  put('q', request.q?.trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}
