import { main } from './main';
import { tempDir, testIo } from './__testUtils__/testIo';

const argv = (...args: string[]) => ['node', 'model-scaling', ...args];

describe('main', () => {
  it('prints help for the program and each command with exit code 0', async () => {
    const io = testIo(process.cwd());
    expect(await main(argv('--help'), io)).toBe(0);
    expect(io.out()).toContain('Usage: model-scaling [options] [command]');
    for (const command of ['lint', 'render', 'simulate', 'advise-batching']) {
      const cio = testIo(process.cwd());
      expect(await main(argv(command, '--help'), cio)).toBe(0);
      expect(cio.out()).toContain(`Usage: model-scaling ${command}`);
    }
  });

  it('exits 2 on usage errors and bad input, with the message on stderr', async () => {
    const t = await tempDir();
    try {
      const io = testIo(t.dir);
      expect(await main(argv('frobnicate'), io)).toBe(2);
      expect(io.err()).toContain("unknown command 'frobnicate'");
      const bad = testIo(t.dir);
      expect(await main(argv('render', 'missing.json', 'out'), bad)).toBe(2);
      expect(bad.err()).toBe(
        'model-scaling: Plan ' + `${t.dir}/missing.json: no such file\n`,
      );
      const missingArg = testIo(t.dir);
      expect(await main(argv('render'), missingArg)).toBe(2);
      expect(missingArg.err()).toContain(
        "missing required argument 'plan.json'",
      );
    } finally {
      await t.cleanup();
    }
  });
});
