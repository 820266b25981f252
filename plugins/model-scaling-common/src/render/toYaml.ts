import { Document } from 'yaml';
import type { KubernetesObject, RenderedFile } from './types';

/**
 * A YAML manifest file with a `#` comment on top; several objects become
 * documents separated by `---`.
 */
export function yamlFile(
  path: string,
  objects: KubernetesObject[],
  comment: string[],
): RenderedFile {
  const docs = objects.map((object, i) => {
    // Shared label maps are written out in full, never as YAML anchors and aliases.
    const doc = new Document(object, { aliasDuplicateObjects: false });
    if (i === 0 && comment.length > 0) {
      // On the top-level map, not the document, so no blank line follows the comment.
      (doc.contents as { commentBefore?: string }).commentBefore = comment
        .map(line => ` ${line}`)
        .join('\n');
    }
    return doc.toString({ lineWidth: 0 });
  });
  return { path, content: docs.join('---\n'), objects };
}
