import { Document, isMap, parseAllDocuments } from 'yaml';
import type { FixDocumentSelector, FixPath } from '../types';

/** The documents of a YAML file, parsed with the `yaml` Document API (comments and order kept). */
export function parseYamlDocuments(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(doc.errors.map(e => e.message).join('; '));
    }
  }
  return docs;
}

/** `Kind/name` of a document, when it is a Kubernetes object. */
export function documentSelector(
  doc: Document,
): FixDocumentSelector | undefined {
  if (!isMap(doc.contents)) return undefined;
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  return typeof kind === 'string' && typeof name === 'string'
    ? { kind, name }
    : undefined;
}

/** The document a selector names; without a selector, the file's only document. */
export function selectDocument(
  docs: Document.Parsed[],
  selector: FixDocumentSelector | undefined,
): Document.Parsed | undefined {
  if (!selector) return docs.length === 1 ? docs[0] : undefined;
  return docs.find(d => {
    const s = documentSelector(d);
    return s?.kind === selector.kind && s.name === selector.name;
  });
}

/** The plain value at a path of a document (`undefined` when absent). */
export function getYamlValue(doc: Document, path: FixPath): unknown {
  const node = doc.getIn(path, true) as { toJSON?: () => unknown } | unknown;
  if (node === undefined || node === null) return undefined;
  const value = doc.getIn(path, false);
  if (
    value !== null &&
    typeof value === 'object' &&
    'toJSON' in (value as object)
  ) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}

/**
 * Sets (or, with `to` undefined, removes) the value at `path` in a document.
 * The `yaml` library keeps every other node, comment and key order; a scalar
 * replaced in place keeps its comments.
 */
export function setYamlValue(doc: Document, path: FixPath, to: unknown): void {
  if (to === undefined) {
    doc.deleteIn(path);
    return;
  }
  const existing = doc.getIn(path, true) as { value?: unknown } | undefined;
  if (
    existing &&
    typeof existing === 'object' &&
    'value' in existing &&
    (to === null || typeof to !== 'object')
  ) {
    // A scalar node: change its value, keep its comments and style.
    existing.value = to;
    return;
  }
  doc.setIn(path, doc.createNode(to, { aliasDuplicateObjects: false }));
}

/** The file's text after editing its documents. */
export function printYamlDocuments(docs: Document.Parsed[]): string {
  return docs
    .map(d => d.toString({ lineWidth: 0, flowCollectionPadding: false }))
    .join('');
}

type Commentable = { commentBefore?: string | null };

/** Where the comment on top of a document lives once parsed (document, contents or first key). */
function commentHolder(doc: Document): Commentable | undefined {
  const contents = doc.contents as
    | (Commentable & { items?: { key?: Commentable }[] })
    | null;
  const firstKey = isMap(contents)
    ? (contents.items[0]?.key as Commentable | undefined)
    : undefined;
  const holders = [doc as Commentable, contents ?? undefined, firstKey].filter(
    (h): h is Commentable => !!h,
  );
  return (
    holders.find(h => h.commentBefore) ?? firstKey ?? contents ?? undefined
  );
}

/** The comment on top of a document, as text without `#` (lines joined by newlines). */
export function getYamlLeadingComment(doc: Document): string | undefined {
  return commentHolder(doc)?.commentBefore ?? undefined;
}

/** Replaces the comment on top of a document. */
export function setYamlLeadingComment(
  doc: Document,
  comment: string | undefined,
): void {
  const holder = commentHolder(doc);
  if (holder) holder.commentBefore = comment;
}
