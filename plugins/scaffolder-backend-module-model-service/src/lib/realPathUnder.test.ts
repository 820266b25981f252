import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realPathUnder } from './realPathUnder';

describe('realPathUnder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'real-path-under-'));
    await mkdir(join(root, 'base', 'repo'), { recursive: true });
    await mkdir(join(root, 'elsewhere'), { recursive: true });
    await symlink(join(root, 'elsewhere'), join(root, 'base', 'link'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('accepts a directory below the base', async () => {
    const check = await realPathUnder(
      join(root, 'base'),
      join(root, 'base', 'repo'),
    );
    expect(check).toEqual({
      inside: true,
      realPath: expect.stringMatching(/base\/repo$/),
    });
  });

  it('refuses the base itself, a path outside it and a symlink leading out of it', async () => {
    const base = join(root, 'base');
    expect(await realPathUnder(base, base)).toEqual({
      inside: false,
      reason: 'outside',
    });
    expect(await realPathUnder(base, join(root, 'elsewhere'))).toEqual({
      inside: false,
      reason: 'outside',
    });
    expect(await realPathUnder(base, join(base, 'link'))).toEqual({
      inside: false,
      reason: 'outside',
    });
  });

  it('says when the path does not exist', async () => {
    expect(
      await realPathUnder(join(root, 'base'), join(root, 'base', 'nope')),
    ).toEqual({
      inside: false,
      reason: 'missing',
    });
  });
});
