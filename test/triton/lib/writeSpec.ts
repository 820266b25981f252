/*
 * Writes the model repository of the test Triton (one config.pbtxt per model,
 * rendered by the common package) and the spec that serve.py reads.
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs test/triton/lib/writeSpec.ts <dir>
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROFILE_MODEL, PROFILE_PATH, TIME_SCALE, testModels } from './models';

function main(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const models = testModels().map(m => {
    const configPath = path.join(dir, 'models', m.name, 'config.pbtxt');
    fs.mkdirSync(path.dirname(configPath), { recursive: true });
    fs.writeFileSync(configPath, m.configPbtxt);
    return {
      name: m.name,
      profileModel: PROFILE_MODEL,
      configPbtxt: configPath,
    };
  });
  const spec = {
    profilePath: PROFILE_PATH,
    timeScale: TIME_SCALE,
    httpPort: Number(process.env.TRITON_HTTP_PORT ?? 0),
    grpcPort: Number(process.env.TRITON_GRPC_PORT ?? 0),
    metricsPort: Number(process.env.TRITON_METRICS_PORT ?? 0),
    // The latency summaries (nv_inference_*_summary_us) are off by default in Triton; on here so
    // their series are captured and parsed too.
    metricsConfig: ['summary_latencies=true'],
    // One line per execution (start, batch size, µs), replayed by the differential test.
    executionLogDir: path.join(dir, 'executions'),
    models,
  };
  fs.writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(spec, null, 2));
  process.stdout.write(`${path.join(dir, 'spec.json')}\n`);
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: writeSpec.ts <dir>\n');
  process.exit(2);
}
main(dir);
