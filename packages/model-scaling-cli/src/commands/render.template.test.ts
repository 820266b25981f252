import {
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  DEFAULT_PATTERN_PRESETS,
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import { createPlanCreateAction } from '@internal/plugin-scaffolder-backend-module-model-service';
import { renderCommand } from './render';
import { testIo } from '../__testUtils__/testIo';

/** Every file under a directory: relative path → content and executable bit. */
async function tree(
  dir: string,
): Promise<Record<string, { content: string; executable: boolean }>> {
  const out: Record<string, { content: string; executable: boolean }> = {};
  for (const entry of await readdir(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = {
      content: await readFile(path, 'utf8'),
      executable: ((await stat(path)).mode & 0o111) !== 0,
    };
  }
  return out;
}

describe('model-scaling render and the template', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'render-vs-template-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['realtime-cpu', textClassifierAnswers],
    ['realtime-gpu', imageClassifierAnswers],
    ['async-batch', batchEmbedderAnswers],
    ['bursty', summarizerAnswers],
  ])(
    'write the same files for the same %s answers',
    async (_pattern, answers) => {
      // The template's step: model-service:plan:create in a task workspace.
      const action = createPlanCreateAction({
        presets: DEFAULT_PATTERN_PRESETS,
      });
      const workspacePath = join(dir, 'template');
      const outputs: Record<string, unknown> = {};
      await action.handler({
        input: { ...answers, targetPath: '.' },
        workspacePath,
        logger: {
          info() {},
          warn() {},
          error() {},
          debug() {},
          child() {
            return this;
          },
        },
        output: (name: string, value: unknown) => {
          outputs[name] = value;
        },
        checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
        getInitiatorCredentials: async () => ({}),
        createTemporaryDirectory: async () => mkdtemp(join(dir, 'tmp-')),
        secrets: {},
      } as any);

      // The CLI on the same answers with the same presets.
      const io = testIo(dir);
      await writeFile(join(dir, 'in.json'), JSON.stringify(answers));
      expect(await renderCommand('in.json', 'cli', {}, io)).toBe(0);

      const fromTemplate = await tree(workspacePath);
      const fromCli = await tree(join(dir, 'cli'));
      expect(Object.keys(fromCli).sort()).toEqual(
        Object.keys(fromTemplate).sort(),
      );
      expect(fromCli).toEqual(fromTemplate);
      expect(Object.keys(fromTemplate)).toEqual(
        expect.arrayContaining(['docs/scaling.md', 'scripts/load-test.sh']),
      );
      expect(outputs.files).toEqual(
        expect.arrayContaining(Object.keys(fromTemplate)),
      );
    },
  );
});
