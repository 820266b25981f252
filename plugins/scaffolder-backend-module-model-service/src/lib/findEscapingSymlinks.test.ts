import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { findEscapingSymlinks } from './findEscapingSymlinks';

describe('findEscapingSymlinks', () => {
  const dir = createMockDirectory({
    content: { 'a/file.txt': 'x', 'b/c/file.txt': 'y', '.git/HEAD': 'z' },
  });

  it('finds absolute and escaping links, and keeps links that stay inside', async () => {
    const root = dir.path;
    await symlink('../a/file.txt', join(root, 'b/inside.txt'));
    await symlink('c', join(root, 'b/dir-inside'));
    await symlink('/etc/passwd', join(root, 'a/absolute'));
    await symlink('../../../x', join(root, 'b/c/escapes'));
    await symlink('../../a', join(root, 'b/c/stays-inside'));
    await symlink('..', join(root, 'to-parent'));
    await mkdir(join(root, '.git/refs'), { recursive: true });
    await symlink('/etc', join(root, '.git/refs/ignored'));
    expect(await findEscapingSymlinks(root)).toEqual([
      'a/absolute',
      'b/c/escapes',
      'to-parent',
    ]);
  });
});
