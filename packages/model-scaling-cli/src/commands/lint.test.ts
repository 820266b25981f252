import {
  createPlan,
  renderServiceFiles,
  textClassifierAnswers,
  imageClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import { lintCommand } from './lint';
import { CliError } from '../CliError';
import { tempDir, testIo } from '../__testUtils__/testIo';

function repoFiles(answers = imageClassifierAnswers) {
  return Object.fromEntries(
    renderServiceFiles(createPlan(answers)).map(f => [f.path, f.content]),
  );
}

describe('lint command', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  it('passes a rendered repository and prints a summary', async () => {
    const t = await tempDir({
      ...repoFiles(),
      'README.md': '# image-classifier',
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(await lintCommand([], {}, io)).toBe(0);
    expect(io.out()).toBe('0 errors, 0 warnings, 0 info in 4 files\n');
  });

  it('exits 1 and explains error findings', async () => {
    const files = repoFiles(textClassifierAnswers);
    files['k8s/hpa.yaml'] = files['k8s/hpa.yaml'].replace(
      'autoscaling/v2',
      'autoscaling/v2beta2',
    );
    const t = await tempDir(files);
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(await lintCommand(['k8s'], {}, io)).toBe(1);
    expect(io.out()).toContain(
      'error   hpa-api-version-removed  HorizontalPodAutoscaler/text-classifier',
    );
    expect(io.out()).toContain(
      'evidence: k8s/hpa.yaml line 3: apiVersion autoscaling/v2beta2 was removed',
    );
    expect(io.out()).toMatch(/1 error, 0 warnings, 0 info in 3 files\n$/);
  });

  it('writes JSON and reports drift against app-config presets', async () => {
    const t = await tempDir({
      ...repoFiles(),
      'app-config.yaml':
        'modelScaling:\n  patterns:\n    realtime-gpu:\n      maxReplicas: 15\n      batching:\n        maxQueueDelayMicroseconds: 2000\n',
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await lintCommand(
        ['k8s', 'model_repository'],
        { format: 'json', config: 'app-config.yaml' },
        io,
      ),
    ).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.files).toEqual([
      'k8s/deployment.yaml',
      'k8s/scaledobject.yaml',
      'k8s/service.yaml',
      'model_repository/resnet50/config.pbtxt',
    ]);
    expect(report.summary).toEqual({ error: 0, warning: 0, info: 1 });
    expect(report.findings[0].evidence).toBe(
      'triton.resnet50.dynamic_batching.max_queue_delay_microseconds: 5000 (preset 2000)',
    );
  });

  it('refuses bad input with a message naming it', async () => {
    const t = await tempDir({ 'notes.txt': 'nothing to lint' });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    await expect(lintCommand(['missing'], {}, io)).rejects.toThrow(
      'missing: no such file or directory',
    );
    await expect(lintCommand([], {}, io)).rejects.toThrow(
      'No YAML manifests or config.pbtxt files found in .',
    );
    await expect(lintCommand([], { format: 'sarif' }, io)).rejects.toThrow(
      '--format must be text or json (got "sarif")',
    );
    await expect(lintCommand([], { pattern: 'realtime' }, io)).rejects.toThrow(
      CliError,
    );
    await expect(lintCommand([], { sloMs: '-5' }, io)).rejects.toThrow(
      '--slo-ms must be a number greater than 0',
    );
  });
});
