import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlan } from '../plan/createPlan';
import { examplePlans } from './__testUtils__/examplePlans';
import { renderLoadTestScript, serviceEndpoint } from './renderLoadTestScript';

/** `bash -n`: the script parses. */
function checkSyntax(script: string) {
  execFileSync('bash', ['-n'], {
    input: script,
    env: { PATH: process.env.PATH },
  });
}

/** Runs a script with fake `hey` and `kubectl` that record their arguments. */
function runWithFakes(script: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'load-test-'));
  try {
    for (const tool of ['hey', 'kubectl']) {
      const path = join(dir, tool);
      writeFileSync(
        path,
        `#!/usr/bin/env bash\nprintf '%s\\n' "${tool}" "$@" >> "${dir}/calls"\n`,
      );
      chmodSync(path, 0o755);
    }
    const stdout = execFileSync('bash', ['-c', script], {
      env: { PATH: `${dir}:${process.env.PATH}`, ...env },
    }).toString();
    const calls = readFileSync(join(dir, 'calls'), 'utf8')
      .split(/\n(?=hey\n|kubectl\n)/)
      .map(call => call.trim().split('\n'));
    return { stdout, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderLoadTestScript', () => {
  const plans = examplePlans();

  it('runs hey with the documented arguments and a JSON body', () => {
    const script = renderLoadTestScript(plans['realtime-gpu'], { port: 8000 });
    const { stdout, calls } = runWithFakes(script, {
      URL: 'http://gw.example',
    });
    expect(stdout).toContain('get scaledobject,hpa -w');
    expect(calls).toEqual([
      [
        'hey',
        '-z',
        '60s',
        '-c',
        '50',
        '-m',
        'POST',
        '-T',
        'application/json',
        '-d',
        expect.any(String),
        'http://gw.example/v2/models/resnet50/infer',
      ],
    ]);
    expect(JSON.parse(calls[0][10]).inputs[0].datatype).toBe('FP32');
  });

  it('port-forwards to the Service port when no URL is given', () => {
    const script = renderLoadTestScript(plans['realtime-cpu'], { port: 80 });
    const { calls } = runWithFakes(script, {
      DURATION: '5s',
      CONCURRENCY: '3',
    });
    expect(calls[0]).toEqual([
      'kubectl',
      '-n',
      'ml-serving',
      'port-forward',
      'svc/text-classifier',
      '18080:80',
    ]);
    expect(calls[1]).toEqual([
      'hey',
      '-z',
      '5s',
      '-c',
      '3',
      '-m',
      'POST',
      '-T',
      'application/json',
      '-d',
      '{"instances":[[0.1,0.2,0.3,0.4]]}',
      'http://127.0.0.1:18080/predict',
    ]);
  });

  it('realtime-cpu: hey against /predict through a port-forward, watching the HPA', () => {
    const script = renderLoadTestScript(plans['realtime-cpu'], { port: 80 });
    checkSyntax(script);
    expect(script).toContain(
      'hey -z "$DURATION" -c "$CONCURRENCY" -m POST -T application/json -d "$BODY" "$URL/predict"',
    );
    expect(script).toContain('DURATION="${DURATION:-60s}"');
    expect(script).toContain('CONCURRENCY="${CONCURRENCY:-50}"');
    expect(script).toContain(
      'kubectl -n "$NAMESPACE" port-forward "svc/$SERVICE" "$LOCAL_PORT:80"',
    );
    expect(script).toContain('kubectl -n "$NAMESPACE" get hpa "$SERVICE" -w');
    expect(script).not.toContain('scaledobject');
    expect(script).toContain('NAMESPACE="${NAMESPACE:-ml-serving}"');
  });

  it('realtime-gpu: the Triton infer endpoint of the model, watching KEDA', () => {
    const script = renderLoadTestScript(plans['realtime-gpu'], { port: 8000 });
    checkSyntax(script);
    expect(script).toContain('"$URL/v2/models/resnet50/infer"');
    expect(script).toContain('kubectl -n "$NAMESPACE" get scaledobject,hpa -w');
    expect(script).toContain('"$LOCAL_PORT:8000"');
  });

  it('bursty: refuses to port-forward and asks for the gateway URL', () => {
    const script = renderLoadTestScript(plans.bursty, { port: 8000 });
    checkSyntax(script);
    expect(script).not.toContain('port-forward');
    expect(script).toContain('Set URL to the service');
    expect(script).toContain('/v2/models/summarizer-encoder/infer');
    const run = () =>
      execFileSync('bash', ['-c', script], {
        env: { PATH: process.env.PATH, URL: '' },
        stdio: 'pipe',
      });
    // without hey the script stops before anything else; either way it must not run unguarded
    expect(run).toThrow();
  });

  it('async-batch on kafka: produces enough messages for every replica twice over', () => {
    const plan = plans['async-batch'];
    const script = renderLoadTestScript(plan, { port: 8000 });
    checkSyntax(script);
    expect(script).toContain('kafka-producer-perf-test.sh --topic "$TOPIC"');
    expect(script).toContain('TOPIC="${TOPIC:-documents-to-embed}"');
    expect(script).toContain(
      'BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:-kafka-bootstrap.kafka.svc:9092}"',
    );
    // lagThreshold 2000 × maxReplicas × 2
    expect(script).toContain(
      `MESSAGES="\${MESSAGES:-${Math.max(
        1000,
        2000 * plan.replicas.max * 2,
      )}}"`,
    );
    expect(script).toContain('RATE="${RATE:-3000}"');
    expect(script).toContain('get scaledobject,hpa -w');
    expect(script).not.toContain('hey ');
  });

  it('async-batch on SQS: sends message batches of 10', () => {
    const plan = createPlan({
      name: 'sqs-worker',
      owner: 'team-a',
      framework: 'sklearn',
      modelSizeGb: 0.2,
      needsGpu: false,
      latencySloMs: 60000,
      peakRps: 20,
      trafficShape: 'queue',
      queue: {
        type: 'aws-sqs-queue',
        queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
        queueLength: 5,
      },
    });
    const script = renderLoadTestScript(plan, { port: 8080 });
    checkSyntax(script);
    expect(script).toContain(
      'QUEUE_URL="${QUEUE_URL:-https://sqs.eu-west-1.amazonaws.com/123456789012/jobs}"',
    );
    expect(script).toContain('AWS_REGION="${AWS_REGION:-eu-west-1}"');
    expect(script).toContain('aws sqs send-message-batch');
  });

  it('serviceEndpoint reads the Service port and falls back to the plan', () => {
    const plan = plans['realtime-cpu'];
    expect(
      serviceEndpoint(plan, [
        { kind: 'Deployment' },
        { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }] } },
      ]),
    ).toEqual({ port: 80 });
    expect(serviceEndpoint(plan, [])).toEqual({ port: 8080 });
    expect(serviceEndpoint(plans['realtime-gpu'], [])).toEqual({ port: 8000 });
  });
});
