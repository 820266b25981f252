import type { Document } from 'yaml';
import { sameValue } from './diffValues';
import { FixError } from './FixError';
import {
  getPbtxtLeadingComment,
  getPbtxtValue,
  setPbtxtLeadingComment,
  setPbtxtValue,
} from './pbtxt/editPbtxt';
import type { FileEdit, FixConflict } from './types';
import {
  getYamlLeadingComment,
  getYamlValue,
  parseYamlDocuments,
  printYamlDocuments,
  selectDocument,
  setYamlLeadingComment,
  setYamlValue,
} from './yaml/editYaml';

/** A file a fix changes: its text before and after. */
export interface ChangedFile {
  path: string;
  before: string;
  after: string;
}

/** What {@link applyFileEdits} made: nothing is written, the caller writes `files`. */
export interface AppliedEdits {
  files: ChangedFile[];
  /** Edits whose `to` value the repository already holds. */
  alreadyApplied: FileEdit[];
}

function unreadable(file: string, e: unknown): FixError {
  return new FixError({
    code: 'unreadable-file',
    file,
    message: `${file} cannot be parsed: ${(e as Error).message}`,
  });
}

/** Edits of one file, in order; conflicts are collected, not thrown. */
function editFile(
  path: string,
  text: string,
  edits: FileEdit[],
  conflicts: FixConflict[],
  alreadyApplied: FileEdit[],
): string {
  const check = (edit: FileEdit, actual: unknown): boolean => {
    if (sameValue(actual, edit.to)) {
      alreadyApplied.push(edit);
      return false;
    }
    if (!sameValue(actual, edit.from)) {
      conflicts.push({
        file: path,
        ...(edit.document ? { document: edit.document } : {}),
        path: edit.path,
        expected: edit.from,
        actual,
      });
      return false;
    }
    return true;
  };
  const format = edits[0].format;
  if (format === 'pbtxt') {
    let out = text;
    for (const edit of edits) {
      if (edit.part === 'comment') {
        // A comment edited by hand stays; only the generated one is updated.
        const current = getPbtxtLeadingComment(out);
        if (current === edit.to) alreadyApplied.push(edit);
        else if (current === edit.from) {
          out = setPbtxtLeadingComment(out, edit.to as string | undefined);
        }
        continue;
      }
      let actual: unknown;
      try {
        actual = getPbtxtValue(out, edit.path);
      } catch (e) {
        throw unreadable(path, e);
      }
      if (check(edit, actual)) out = setPbtxtValue(out, edit.path, edit.to);
    }
    return out;
  }
  if (format === 'json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw unreadable(path, e);
    }
    const root = { value: json } as Record<string, unknown>;
    let changed = false;
    for (const edit of edits) {
      const full = ['value', ...edit.path];
      let parent: any = root;
      for (const key of full.slice(0, -1)) parent = parent?.[key];
      const last = full[full.length - 1];
      const actual =
        parent && typeof parent === 'object' ? parent[last] : undefined;
      if (!check(edit, actual)) continue;
      let node: any = root;
      for (const key of full.slice(0, -1)) {
        if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
        node = node[key];
      }
      if (edit.to === undefined) delete node[last];
      else node[last] = edit.to;
      changed = true;
    }
    return changed ? `${JSON.stringify(root.value, null, 2)}\n` : text;
  }
  let docs: Document.Parsed[];
  try {
    docs = parseYamlDocuments(text);
  } catch (e) {
    throw unreadable(path, e);
  }
  let changed = false;
  for (const edit of edits) {
    const doc = selectDocument(docs, edit.document);
    if (!doc) {
      throw new FixError({
        code: 'missing-file',
        file: path,
        message: edit.document
          ? `${path} has no ${edit.document.kind}/${edit.document.name} document; nothing was written`
          : `${path} has ${docs.length} documents and the fix names none; nothing was written`,
      });
    }
    if (edit.part === 'comment') {
      // A comment edited by hand stays; only the generated one is updated.
      const current = getYamlLeadingComment(doc);
      if (current === edit.to) alreadyApplied.push(edit);
      else if (current === edit.from) {
        setYamlLeadingComment(doc, edit.to as string | undefined);
        changed = true;
      }
      continue;
    }
    if (check(edit, getYamlValue(doc, edit.path))) {
      setYamlValue(doc, edit.path, edit.to);
      changed = true;
    }
  }
  return changed ? printYamlDocuments(docs) : text;
}

/**
 * Applies file edits structurally to a repository's files (read through
 * `read`, which returns `undefined` for a missing file) and returns the new
 * texts. YAML goes through the `yaml` Document API and `config.pbtxt`
 * through the structural text-format editor, so comments, order and
 * unrelated fields stay. Pure: nothing is written. Throws a `FixError` when
 * a file is missing (`missing-file`) or any field no longer holds the
 * edit's `from` value (`conflict`, listing every such field); an edit whose
 * `to` value is already there is skipped and reported.
 */
export function applyFileEdits(
  read: (path: string) => string | undefined,
  edits: FileEdit[],
): AppliedEdits {
  const byFile = new Map<string, FileEdit[]>();
  for (const edit of edits) {
    byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  }
  const missing = [...byFile.keys()].filter(path => read(path) === undefined);
  if (missing.length > 0) {
    throw new FixError({
      code: 'missing-file',
      file: missing[0],
      message: `The repository does not have ${missing.join(
        ', ',
      )}, which the fix edits (the layout "Create new model service" generates); nothing was written`,
    });
  }
  const conflicts: FixConflict[] = [];
  const alreadyApplied: FileEdit[] = [];
  const files: ChangedFile[] = [];
  for (const [path, fileEditsOf] of byFile) {
    const before = read(path)!;
    const after = editFile(
      path,
      before,
      fileEditsOf,
      conflicts,
      alreadyApplied,
    );
    if (after !== before) files.push({ path, before, after });
  }
  if (conflicts.length > 0) throw FixError.conflict(conflicts);
  return { files, alreadyApplied };
}
