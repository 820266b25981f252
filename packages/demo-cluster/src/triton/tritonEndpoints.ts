import type { ProxyResponse } from '../api/routes';
import { TritonServer } from './TritonServer';

/** Triton's HTTP port. */
export const TRITON_HTTP_PORT = 8000;
/** Triton's metrics port. */
export const TRITON_METRICS_PORT = 8002;

const json = (status: number, body: unknown): ProxyResponse => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const empty = (status: number): ProxyResponse => ({
  status,
  headers: { 'Content-Type': 'text/plain' },
  body: '',
});

const tritonError = (message: string) => json(400, { error: message });

function statsFor(
  server: TritonServer,
  name: string,
  version?: string,
): ProxyResponse {
  const model = server.model(name);
  if (!model) return tritonError(`requested model '${name}' is not available`);
  if (version && version !== model.version) {
    return tritonError(
      `requested model '${name}' version ${version} is not available`,
    );
  }
  return json(200, { model_stats: [server.modelStats(name)] });
}

/**
 * Answers a request to a Triton port of a pod the way Triton does: `:8002/metrics`
 * (Prometheus text), `:8000/v2/health/{live,ready}`, `/v2/models[/<m>[/versions/<v>]]/stats`,
 * `/v2/models/<m>[/versions/<v>]/config`, `/v2/models/<m>/ready`, `/v2`,
 * `POST /v2/repository/index`.
 */
export function tritonResponse(
  server: TritonServer,
  port: number,
  method: string,
  path: string,
): ProxyResponse {
  if (port === TRITON_METRICS_PORT) {
    if (path === '/metrics') {
      return {
        status: 200,
        headers: { 'Content-Type': 'text/plain; charset=utf-8; version=0.0.4' },
        body: server.metricsText(),
      };
    }
    return {
      status: 404,
      headers: { 'Content-Type': 'text/plain' },
      body: 'Not Found',
    };
  }
  if (port !== TRITON_HTTP_PORT) {
    return {
      status: 404,
      headers: { 'Content-Type': 'text/plain' },
      body: 'Not Found',
    };
  }
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'v2') return tritonError('Not Found');
  if (parts.length === 1) {
    return json(200, {
      name: 'triton',
      version: '2.62.0',
      extensions: [
        'classification',
        'sequence',
        'model_repository',
        'model_repository(unload_dependents)',
        'schedule_policy',
        'model_configuration',
        'system_shared_memory',
        'cuda_shared_memory',
        'binary_tensor_data',
        'parameters',
        'statistics',
        'trace',
        'logging',
      ],
    });
  }
  if (parts[1] === 'health' && parts.length === 3) {
    if (parts[2] === 'live') return empty(200);
    if (parts[2] === 'ready') return empty(server.ready ? 200 : 400);
  }
  if (parts[1] === 'repository' && parts[2] === 'index' && method === 'POST') {
    return json(
      200,
      server.models.map(m => ({
        name: m.name,
        version: m.version,
        state: server.ready ? 'READY' : 'LOADING',
      })),
    );
  }
  if (parts[1] === 'models') {
    if (parts.length === 3 && parts[2] === 'stats') {
      return json(200, {
        model_stats: server.models.map(m => server.modelStats(m.name)),
      });
    }
    const name = parts[2];
    let rest = parts.slice(3);
    let version: string | undefined;
    if (rest[0] === 'versions') {
      version = rest[1];
      rest = rest.slice(2);
    }
    const model = name ? server.model(name) : undefined;
    if (!model)
      return tritonError(`Request for unknown model: '${name}' is not found`);
    if (version && version !== model.version) {
      return tritonError(
        `Request for unknown model: '${name}' version ${version} is not found`,
      );
    }
    if (rest.length === 0) {
      return json(200, {
        name: model.name,
        versions: [model.version],
        platform: model.configJson.platform,
        inputs: (model.configJson.input as any[]).map(t => ({
          name: t.name,
          datatype: String(t.data_type).replace(/^TYPE_/, ''),
          shape: [-1, ...t.dims],
        })),
        outputs: (model.configJson.output as any[]).map(t => ({
          name: t.name,
          datatype: String(t.data_type).replace(/^TYPE_/, ''),
          shape: [-1, ...t.dims],
        })),
      });
    }
    if (rest.length === 1 && rest[0] === 'stats')
      return statsFor(server, name, version);
    if (rest.length === 1 && rest[0] === 'config')
      return json(200, model.configJson);
    if (rest.length === 1 && rest[0] === 'ready')
      return empty(server.ready ? 200 : 400);
  }
  return tritonError('Not Found');
}
