/*
 * The contract of fixes as reviewed changes: a finding, an advice or a drift
 * item carries a FixIntent (what to change in the service's plan); the
 * plan/render code turns it into a ProposedFix (the exact file edits the
 * template would make for the changed plan); the scaffolder action
 * `model-service:fix:propose` applies those edits to a clone of the
 * service's repository and shows the diff, then commits to a branch or opens
 * a pull request.
 */

/** Formats of the files a fix edits (the generated repository layout). */
export type FixFileFormat = 'yaml' | 'pbtxt' | 'json';

/**
 * A path into a parsed file: object keys and array indexes, e.g.
 * `['spec', 'advanced', 'horizontalPodAutoscalerConfig', 'behavior', 'scaleDown', 'stabilizationWindowSeconds']`
 * in a ScaledObject, or `['dynamic_batching', 'max_queue_delay_microseconds']`
 * in a `config.pbtxt`.
 */
export type FixPath = (string | number)[];

/** Which document of a multi-document YAML file an edit addresses. */
export interface FixDocumentSelector {
  kind: string;
  name: string;
}

/** One structural edit of one field of one file of the service's repository. */
export interface FileEdit {
  /** Repository-relative path from the generated layout, e.g. `k8s/scaledobject.yaml`. */
  file: string;
  format: FixFileFormat;
  /** The YAML document (by `kind` and `metadata.name`); absent for single-document and non-YAML files. */
  document?: FixDocumentSelector;
  path: FixPath;
  /** The value the repository is expected to hold now; `undefined` = the field is absent. */
  from: unknown;
  /** The value after the fix; `undefined` = the field is removed. */
  to: unknown;
  /** Why, in plain words (the fix's title and the field). */
  reason: string;
  /**
   * `comment`: the generated comment on top of the file (`config.pbtxt`) or
   * of the document (YAML), which states the settings; `path` is `[]`. A
   * comment edited by hand is kept as it is, never a conflict.
   */
  part?: 'comment';
}

/** What a fix comes from. */
export type FixSourceKind = 'finding' | 'advice' | 'drift';

/** The finding, advice or drift item a fix answers. */
export interface FixSource {
  kind: FixSourceKind;
  /** The finding's rule id, `batching-advice`, or the drifted field. */
  id: string;
  /** The object it is about, e.g. `ScaledObject/image-classifier`. */
  subject?: string;
}

/** One field of a service's plan ({@link ModelServicePlan}) set to a new value; `to: undefined` removes it. */
export interface PlanFieldChange {
  path: FixPath;
  to: unknown;
}

/**
 * A fix as findings, advice and drift carry it: the change to the service's
 * plan, independent of the repository. `proposeFix` turns it into file edits
 * for a given plan.
 */
export interface FixIntent {
  /** Stable id, `${source.id}:${source.subject ?? 'service'}`, e.g. `default-scale-down-window:ScaledObject/summarizer`. */
  id: string;
  /** One line, plain words, e.g. `Set the scale-down stabilization window to 60 s`. */
  title: string;
  source: FixSource;
  planChanges: PlanFieldChange[];
}

/** A fix with the exact edits it makes to a repository generated from a plan. */
export interface ProposedFix extends FixIntent {
  /** Edits of the manifests, `config.pbtxt` and the recorded plan; empty when the plan already has the values. */
  edits: FileEdit[];
}

/** Where the action puts the change. */
export type FixTarget = 'local-branch' | 'pull-request';

/** Input of the scaffolder action `model-service:fix:propose`. */
export interface FixProposalInput {
  /** The model service, e.g. `component:default/image-classifier`. */
  entityRef: string;
  /** Ids of fixes the action computes itself for the repository's plan (preset drift, plan findings). */
  fixIds?: string[];
  /** Fixes carried by findings, advice or drift (their plan changes are re-checked and re-rendered). */
  fixes?: FixIntent[];
  /** Show the diff only; nothing is written anywhere. Default false. */
  dryRun?: boolean;
  /** Default `local-branch` for local repositories, `pull-request` otherwise. */
  target?: FixTarget;
  /** Branch to create; default `model-scaling/fix-<short hash of the fix ids>`. */
  branch?: string;
}

/** Output of `model-service:fix:propose`. */
export interface FixProposalResult {
  dryRun: boolean;
  /** Unified diff of every changed file (`a/` and `b/` prefixes). */
  diff: string;
  /** Repository-relative paths of the changed files. */
  files: string[];
  /** The fixes applied, with their edits. */
  fixes: ProposedFix[];
  /** Edits skipped because the repository already holds their `to` value. */
  alreadyApplied: FileEdit[];
  branch?: string;
  commit?: string;
  pullRequestUrl?: string;
}

/** A field whose current value is not the fix's expected `from` ("someone changed it since"). */
export interface FixConflict {
  file: string;
  document?: FixDocumentSelector;
  path: FixPath;
  expected: unknown;
  actual: unknown;
}

/** Why a fix cannot be proposed. */
export type FixErrorCode =
  /** A file (or YAML document) the fix edits is not in the repository. */
  | 'missing-file'
  /** The repository holds other values than the fix expects. */
  | 'conflict'
  /** The entity has no `backstage.io/source-location` (or it is not a repository). */
  | 'missing-source-location'
  /** No SCM integration in app-config for the repository's host. */
  | 'missing-scm-integration'
  /** The repository has no recorded plan (`.model-scaling/plan.json`). */
  | 'missing-plan'
  /** A fix id the repository's plan does not offer. */
  | 'unknown-fix'
  /** A plan change outside the fields a fix may change, or one that makes the plan invalid. */
  | 'invalid-plan-change'
  /** A file that cannot be parsed. */
  | 'unreadable-file';

/** The plain-data shape of a fix error (what the action reports). */
export interface FixErrorDetails {
  code: FixErrorCode;
  message: string;
  file?: string;
  conflicts?: FixConflict[];
}

/** Where a repository generated by the template records its plan. */
export const PLAN_FILE_PATH = '.model-scaling/plan.json';
