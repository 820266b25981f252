import { writeFile } from 'node:fs/promises';
import { H200_BATCH_PROFILE_FILE } from '@internal/plugin-model-scaling-common';
import { join } from 'node:path';
import { adviseBatchingCommand } from './adviseBatching';
import { tempDir, testIo } from '../__testUtils__/testIo';

describe('advise-batching command', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  async function withProfile() {
    const t = await tempDir({ 'broken.json': '{"models": 3}' });
    cleanup = t.cleanup;
    // Measured on an NVIDIA H200 (fp16, CUDA graphs).
    await writeFile(
      join(t.dir, 'h200.json'),
      JSON.stringify(H200_BATCH_PROFILE_FILE),
    );
    return t.dir;
  }

  it('uses the built-in H200 profiles without --profile', async () => {
    const dir = await withProfile();
    const io = testIo(dir);
    expect(
      await adviseBatchingCommand(
        { model: 'resnet50-224', rate: '2000', sloMs: '20' },
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      model: 'resnet50-224',
      gpu: 'NVIDIA H200',
    });
    await expect(
      adviseBatchingCommand(
        { model: 'gpt-9', rate: '2000', sloMs: '20' },
        testIo(dir),
      ),
    ).rejects.toThrow(
      '--model gpt-9: not in the built-in H200 profiles (models: ',
    );
  });

  it('recommends batching for ResNet-50 on an H200 that beats no batching', async () => {
    const dir = await withProfile();
    const io = testIo(dir);
    expect(
      await adviseBatchingCommand(
        {
          profile: 'h200.json',
          model: 'resnet50-224',
          rate: '2000',
          sloMs: '20',
        },
        io,
      ),
    ).toBe(0);
    const advice = JSON.parse(io.out());
    expect(advice).toMatchObject({
      model: 'resnet50-224',
      gpu: 'NVIDIA H200',
      rateRps: 2000,
      sloMs: 20,
    });
    expect(advice.recommended.dynamicBatching).toBe(true);
    expect(advice.recommended.replicas).toBeLessThan(
      advice.noBatching.replicas,
    );
    expect(advice.recommended.result.p99Ms).toBeLessThanOrEqual(20);
  });

  it('names the problem of bad input', async () => {
    const dir = await withProfile();
    const io = testIo(dir);
    const base = {
      profile: 'h200.json',
      model: 'resnet50-224',
      rate: '2000',
      sloMs: '20',
    };
    await expect(
      adviseBatchingCommand({ ...base, model: 'resnet152' }, io),
    ).rejects.toThrow(
      '--model resnet152: not in h200.json (models: mlp-4x4096, resnet50-224, bert-base-seq128)',
    );
    await expect(
      adviseBatchingCommand({ ...base, rate: 'fast' }, io),
    ).rejects.toThrow('--rate must be a number greater than 0 (got "fast")');
    await expect(
      adviseBatchingCommand({ ...base, sloMs: undefined }, io),
    ).rejects.toThrow('--slo-ms is required');
    await expect(
      adviseBatchingCommand({ ...base, profile: 'broken.json' }, io),
    ).rejects.toThrow('broken.json: Invalid batch profile file');
  });
});
