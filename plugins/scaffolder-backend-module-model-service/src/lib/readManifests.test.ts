import { createMockDirectory } from '@backstage/backend-test-utils';
import { readManifests } from './readManifests';

describe('readManifests', () => {
  const dir = createMockDirectory();

  beforeEach(() => {
    dir.setContent({
      'k8s/b-deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc\n---\n',
      'k8s/a-service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n',
      'k8s/notes.txt': 'not a manifest',
      'k8s/nested/list.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }],
      }),
      'bad/no-name.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {}\n',
      'bad/broken.yaml': 'apiVersion: v1\nkind: [\n',
      'empty/.keep': '',
    });
  });

  it('reads multi-document YAML, JSON and List files of a directory in name order', async () => {
    const docs = await readManifests(dir.path, ['k8s']);
    expect(docs.map(d => `${d.file}#${d.index} ${d.object.kind}`)).toEqual([
      'k8s/a-service.yaml#0 Service',
      'k8s/a-service.yaml#1 ConfigMap',
      'k8s/b-deployment.yaml#0 Deployment',
      'k8s/nested/list.json#0 Secret',
    ]);
  });

  it('reads single files', async () => {
    const docs = await readManifests(dir.path, ['k8s/b-deployment.yaml']);
    expect(docs).toHaveLength(1);
  });

  it('names the file and document of an object without a name', async () => {
    await expect(readManifests(dir.path, ['bad/no-name.yaml'])).rejects.toThrow(
      'bad/no-name.yaml document 1 has no metadata.name',
    );
  });

  it('names the file of invalid YAML', async () => {
    await expect(readManifests(dir.path, ['bad/broken.yaml'])).rejects.toThrow(
      /^bad\/broken.yaml document 1 is not valid YAML/,
    );
  });

  it('refuses paths outside the workspace, missing paths and empty sets', async () => {
    await expect(readManifests(dir.path, ['../etc'])).rejects.toThrow(
      'manifests: "../etc" is outside the task workspace',
    );
    await expect(readManifests(dir.path, ['nope'])).rejects.toThrow(
      'manifests: "nope" does not exist in the task workspace',
    );
    await expect(readManifests(dir.path, ['empty'])).rejects.toThrow(
      'manifests: no Kubernetes objects found in empty',
    );
  });
});
