import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  createPlan,
  summarizerAnswers,
  textClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import { renderCommand } from './render';
import { tempDir, testIo } from '../__testUtils__/testIo';

describe('render command', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  it('plans answers with the presets and writes the files', async () => {
    const t = await tempDir({
      'answers.json': JSON.stringify(summarizerAnswers),
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(await renderCommand('answers.json', 'out', {}, io)).toBe(0);
    expect((await readdir(join(t.dir, 'out/k8s'))).sort()).toEqual([
      'deployment.yaml',
      'scaledobject.yaml',
      'service.yaml',
    ]);
    const config = await readFile(
      join(t.dir, 'out/model_repository/summarizer-encoder/config.pbtxt'),
      'utf8',
    );
    expect(config).toContain('preferred_batch_size: [ 4, 8, 16 ]');
    const so = parseAllDocuments(
      await readFile(join(t.dir, 'out/k8s/scaledobject.yaml'), 'utf8'),
    )[0].toJS();
    expect(so.spec.minReplicaCount).toBe(0);
    const plan = JSON.parse(
      await readFile(join(t.dir, 'out/.model-scaling/plan.json'), 'utf8'),
    );
    expect(plan).toEqual(createPlan(summarizerAnswers));
    expect(io.out()).toContain(
      'Rendered summarizer (pattern bursty) into out:',
    );
    expect(io.out()).toContain('Cold-start budget: 60 s');
  });

  it('renders a plan as it is, and answers with app-config presets', async () => {
    const plan = createPlan(textClassifierAnswers);
    const t = await tempDir({
      'plan.json': JSON.stringify(plan),
      'answers.json': JSON.stringify(textClassifierAnswers),
      'app-config.yaml':
        'modelScaling:\n  patterns:\n    realtime-cpu:\n      maxReplicas: 12\n',
    });
    cleanup = t.cleanup;
    expect(await renderCommand('plan.json', 'a', {}, testIo(t.dir))).toBe(0);
    expect(await readFile(join(t.dir, 'a/k8s/hpa.yaml'), 'utf8')).toContain(
      'maxReplicas: 20',
    );
    expect(
      await renderCommand(
        'answers.json',
        'b',
        { config: 'app-config.yaml' },
        testIo(t.dir),
      ),
    ).toBe(0);
    expect(await readFile(join(t.dir, 'b/k8s/hpa.yaml'), 'utf8')).toContain(
      'maxReplicas: 12',
    );
  });

  it('names the problem of bad input', async () => {
    const t = await tempDir({
      'bad.json': JSON.stringify({
        ...textClassifierAnswers,
        replicas: { min: 5, max: 2 },
      }),
      'broken.json': '{ "name": ',
      'plan.json': JSON.stringify({
        ...createPlan(textClassifierAnswers),
        namespace: 'ML',
      }),
      'app-config.yaml':
        'modelScaling:\n  patterns:\n    realtime-cpu:\n      minReplicas: many\n',
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    await expect(renderCommand('bad.json', 'out', {}, io)).rejects.toThrow(
      'bad.json: Invalid model service answers: replicas.min: must not exceed replicas.max (5 > 2)',
    );
    await expect(renderCommand('broken.json', 'out', {}, io)).rejects.toThrow(
      'Plan',
    );
    await expect(renderCommand('broken.json', 'out', {}, io)).rejects.toThrow(
      'is not valid JSON',
    );
    await expect(renderCommand('nope.json', 'out', {}, io)).rejects.toThrow(
      'no such file',
    );
    await expect(renderCommand('plan.json', 'out', {}, io)).rejects.toThrow(
      'plan.json: Invalid model service plan: namespace: must be a DNS-1123 label',
    );
    await expect(
      renderCommand('bad.json', 'out', { config: 'app-config.yaml' }, io),
    ).rejects.toThrow(
      'app-config.yaml: modelScaling.patterns.realtime-cpu.minReplicas: Expected number, received string',
    );
  });
});
