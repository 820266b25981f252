import type { ModelServicePlan } from '../plan/planSchema';
import { renderServiceFiles } from '../render/renderManifests';
import type { RenderedFile } from '../render/types';
import { applyPlanChanges } from './applyPlanChanges';
import { diffValues, formatPath } from './diffValues';
import { FixError } from './FixError';
import { Document, parseAllDocuments } from 'yaml';
import { getPbtxtLeadingComment } from './pbtxt/editPbtxt';
import { pbtxtToPlain } from './pbtxt/parsePbtxt';
import { getYamlLeadingComment } from './yaml/editYaml';
import { renderPlanFile } from './planFile';
import type { FileEdit, FixFileFormat, FixIntent, ProposedFix } from './types';

function formatOf(path: string): FixFileFormat {
  if (path.endsWith('.pbtxt')) return 'pbtxt';
  if (path.endsWith('.json')) return 'json';
  return 'yaml';
}

/** Every file of the repository layout a fix may edit: the rendered files and the recorded plan. */
export function fixableFiles(plan: ModelServicePlan): RenderedFile[] {
  return [...renderServiceFiles(plan), renderPlanFile(plan)];
}

function fileEdits(
  before: RenderedFile,
  after: RenderedFile,
  reason: string,
): FileEdit[] {
  const format = formatOf(before.path);
  const edit = (e: Omit<FileEdit, 'file' | 'format' | 'reason'>): FileEdit => ({
    file: before.path,
    format,
    ...e,
    reason: `${reason} (${formatPath(e.path)})`,
  });
  const commentEdit = (
    from: string | undefined,
    to: string | undefined,
    extra: Pick<FileEdit, 'document'> = {},
  ): FileEdit[] =>
    from === to
      ? []
      : [
          {
            file: before.path,
            format,
            ...extra,
            path: [],
            from,
            to,
            reason: `${reason} (the generated comment)`,
            part: 'comment',
          },
        ];
  if (format === 'pbtxt') {
    return [
      ...commentEdit(
        getPbtxtLeadingComment(before.content),
        getPbtxtLeadingComment(after.content),
      ),
      ...diffValues(
        pbtxtToPlain(before.content),
        pbtxtToPlain(after.content),
      ).map(edit),
    ];
  }
  if (format === 'json') {
    return diffValues(
      JSON.parse(before.content),
      JSON.parse(after.content),
    ).map(edit);
  }
  const beforeDocs = parseAllDocuments(before.content) as Document.Parsed[];
  const afterDocs = parseAllDocuments(after.content) as Document.Parsed[];
  return before.objects.flatMap((object, i) => {
    const next = after.objects[i];
    if (
      !next ||
      next.kind !== object.kind ||
      next.metadata.name !== object.metadata.name
    ) {
      throw new FixError({
        code: 'invalid-plan-change',
        file: before.path,
        message: `The fix changes which objects ${before.path} holds; a fix only changes fields`,
      });
    }
    const document = { kind: object.kind, name: object.metadata.name };
    return [
      ...commentEdit(
        getYamlLeadingComment(beforeDocs[i]),
        getYamlLeadingComment(afterDocs[i]),
        { document },
      ),
      ...diffValues(object, next).map(c => edit({ document, ...c })),
    ];
  });
}

/**
 * The file edits of a fix for a repository generated from `plan`: the plan
 * is changed as the fix says, both plans are rendered with the template's
 * renderers, and the rendered objects (and `config.pbtxt` fields, and the
 * recorded plan) are compared field by field. Each edit's `from` is what the
 * template wrote for `plan`, its `to` what it writes for the changed plan.
 */
export function proposeFix(
  intent: FixIntent,
  plan: ModelServicePlan,
): ProposedFix {
  const changed = applyPlanChanges(plan, intent.planChanges);
  const before = fixableFiles(plan);
  const after = new Map(fixableFiles(changed).map(f => [f.path, f]));
  if (before.length !== after.size || before.some(f => !after.has(f.path))) {
    throw new FixError({
      code: 'invalid-plan-change',
      message: `The fix changes which files the repository has (${before
        .map(f => f.path)
        .join(', ')} → ${[...after.keys()].join(
        ', ',
      )}); a fix only changes fields`,
    });
  }
  const edits = before.flatMap(f =>
    fileEdits(f, after.get(f.path)!, intent.title),
  );
  return { ...intent, edits };
}

/**
 * Several fixes for one repository, each on top of the previous one, so a
 * later fix's `from` values are what the earlier ones leave.
 */
export function proposeFixes(
  intents: FixIntent[],
  plan: ModelServicePlan,
): { fixes: ProposedFix[]; plan: ModelServicePlan } {
  let current = plan;
  const fixes: ProposedFix[] = [];
  for (const intent of intents) {
    fixes.push(proposeFix(intent, current));
    current = applyPlanChanges(current, intent.planChanges);
  }
  return { fixes, plan: current };
}
