import { createPlan } from '../plan/createPlan';
import { imageClassifierAnswers } from '../plan/fixtures';
import { applyFileEdits } from './applyFileEdits';
import { fixableFiles, proposeFix } from './proposeFix';
import { FixError } from './FixError';
import type { FixIntent } from './types';

const plan = createPlan(imageClassifierAnswers);
const intent: FixIntent = {
  id: 'default-scale-down-window:ScaledObject/image-classifier',
  title: 'Set the scale-down stabilization window to 90 s',
  source: {
    kind: 'finding',
    id: 'default-scale-down-window',
    subject: 'ScaledObject/image-classifier',
  },
  planChanges: [
    {
      path: ['autoscaler', 'behavior', 'scaleDownStabilizationWindowSeconds'],
      to: 90,
    },
    { path: ['triton', 'maxQueueDelayMicroseconds'], to: 2500 },
  ],
};
const fix = proposeFix(intent, plan);

function repository(): Map<string, string> {
  return new Map(fixableFiles(plan).map(f => [f.path, f.content]));
}

const SO = 'k8s/scaledobject.yaml';
const PBTXT = 'model_repository/resnet50/config.pbtxt';

function caught(fn: () => unknown): FixError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FixError);
    return e as FixError;
  }
  throw new Error('expected a FixError');
}

describe('applyFileEdits on hand-edited files', () => {
  it('keeps unrelated content and comments of YAML and config.pbtxt', () => {
    const repo = repository();
    repo.set(
      SO,
      `# Owned by the vision team; page #vision-oncall before changing.\n${repo
        .get(SO)!
        .replace(
          '  pollingInterval: 15',
          '  # polled often: bursts are short\n  pollingInterval: 15 # seconds',
        )
        .replace(
          '  cooldownPeriod: 300',
          '  cooldownPeriod: 300\n  idleReplicaCount: 0 # added by hand',
        )}---\n# a second object the team keeps here\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  on-call: "vision"\n`,
    );
    repo.set(
      PBTXT,
      repo
        .get(PBTXT)!
        .replace(
          'max_batch_size: 32',
          'max_batch_size: 32 # the ONNX export allows 32\n# inputs added by hand\ninput [ { name: "x" data_type: TYPE_FP32 dims: [ 3, 224, 224 ] } ]',
        )
        .replace(
          '  max_queue_delay_microseconds: 5000',
          '  # tuned 2026-11\n  max_queue_delay_microseconds: 5000 # µs',
        ),
    );
    const before = new Map(repo);
    const result = applyFileEdits(p => repo.get(p), fix.edits);
    const so = result.files.find(f => f.path === SO)!.after;
    expect(so).toContain(
      '# Owned by the vision team; page #vision-oncall before changing.',
    );
    expect(so).toContain(
      '  # polled often: bursts are short\n  pollingInterval: 15 # seconds',
    );
    expect(so).toContain('idleReplicaCount: 0 # added by hand');
    expect(so).toContain(
      '# a second object the team keeps here\napiVersion: v1\nkind: ConfigMap',
    );
    expect(so).toMatch(/scaleDown:\n\s+stabilizationWindowSeconds: 90\n/);
    // exactly one line differs
    const diffLines = so
      .split('\n')
      .filter((l, i) => l !== before.get(SO)!.split('\n')[i]);
    expect(diffLines).toEqual(['          stabilizationWindowSeconds: 90']);

    const pbtxt = result.files.find(f => f.path === PBTXT)!.after;
    expect(pbtxt).toBe(
      before
        .get(PBTXT)!
        .replace(
          'max_queue_delay_microseconds: 5000 # µs',
          'max_queue_delay_microseconds: 2500 # µs',
        )
        // the generated header states the setting, so it follows
        .replace('waits at most 5000 µs', 'waits at most 2500 µs'),
    );
  });

  it('updates the generated header comment, but keeps one edited by hand', () => {
    const repo = repository();
    repo.set(
      PBTXT,
      `# Owned by vision; tuned by hand.\n${repo
        .get(PBTXT)!
        .replace(/^(#[^\n]*\n)+/, '')}`,
    );
    const result = applyFileEdits(p => repo.get(p), fix.edits);
    const pbtxt = result.files.find(f => f.path === PBTXT)!.after;
    expect(
      pbtxt.startsWith('# Owned by vision; tuned by hand.\nname: "resnet50"'),
    ).toBe(true);
    const so = result.files.find(f => f.path === SO)!.after;
    expect(so.split('\n')[0]).toContain(
      'scale-down stabilization 90 s (not the 300 s default)',
    );
  });

  it('refuses a conflicting edit, naming file, field, expected and actual; nothing is returned', () => {
    const repo = repository();
    repo.set(
      SO,
      repo
        .get(SO)!
        .replace(
          'stabilizationWindowSeconds: 120',
          'stabilizationWindowSeconds: 45',
        ),
    );
    repo.set(
      PBTXT,
      repo
        .get(PBTXT)!
        .replace(
          'max_queue_delay_microseconds: 5000',
          'max_queue_delay_microseconds: 100',
        ),
    );
    const e = caught(() => applyFileEdits(p => repo.get(p), fix.edits));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(
      'k8s/scaledobject.yaml ScaledObject/image-classifier spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds: expected 120, found 45',
    );
    expect(e.message).toContain(
      'model_repository/resnet50/config.pbtxt dynamic_batching.max_queue_delay_microseconds: expected 5000, found 100',
    );
    expect(e.conflicts).toHaveLength(2);
  });

  it('treats a field that was removed by hand as a conflict', () => {
    const repo = repository();
    repo.set(
      PBTXT,
      repo.get(PBTXT)!.replace(/dynamic_batching \{[^}]*\}\n/, ''),
    );
    const e = caught(() => applyFileEdits(p => repo.get(p), fix.edits));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(
      'dynamic_batching.max_queue_delay_microseconds: expected 5000, found absent',
    );
  });

  it('skips edits already made and reports them', () => {
    const repo = repository();
    const once = applyFileEdits(p => repo.get(p), fix.edits);
    for (const f of once.files) repo.set(f.path, f.after);
    const again = applyFileEdits(p => repo.get(p), fix.edits);
    expect(again.files).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(fix.edits.length);
  });

  it('refuses a repository without the expected files', () => {
    const repo = repository();
    repo.delete(PBTXT);
    const e = caught(() => applyFileEdits(p => repo.get(p), fix.edits));
    expect(e.code).toBe('missing-file');
    expect(e.message).toContain(`The repository does not have ${PBTXT}`);
  });

  it('refuses a file without the named document', () => {
    const repo = repository();
    repo.set(
      SO,
      repo
        .get(SO)!
        .replace(
          'name: image-classifier\n  namespace',
          'name: renamed\n  namespace',
        ),
    );
    const e = caught(() => applyFileEdits(p => repo.get(p), fix.edits));
    expect(e.code).toBe('missing-file');
    expect(e.message).toContain(
      'k8s/scaledobject.yaml has no ScaledObject/image-classifier document',
    );
  });

  it('names a file that cannot be parsed', () => {
    const repo = repository();
    repo.set(PBTXT, 'dynamic_batching { max_queue_delay_microseconds: 5000');
    const e = caught(() => applyFileEdits(p => repo.get(p), fix.edits));
    expect(e.code).toBe('unreadable-file');
    expect(e.message).toContain(
      `${PBTXT} cannot be parsed: line 1, column 18: missing "}"`,
    );
  });
});
