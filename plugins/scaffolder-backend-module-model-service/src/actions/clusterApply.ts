import { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ClusterConfig,
  WriteTarget,
} from '@internal/plugin-model-scaling-node';
import { checkApplyAllowedKind } from '../lib/applyPolicy';
import { forScaffolder } from '../lib/forScaffolder';
import { parseActionInput } from '../lib/parseActionInput';
import { readManifests } from '../lib/readManifests';
import {
  ApplyClient,
  createApplyClient,
  ManifestApplier,
} from '../services/ManifestApplier';
import { examples } from './clusterApply.examples';
import { z } from 'zod';

/** The id of the apply action. */
export const CLUSTER_APPLY_ACTION_ID = 'model-service:cluster:apply';

const inputSchema = z.object({
  cluster: z
    .string()
    .min(1)
    .describe(
      'Cluster name of a target in modelScaling.scaffolder.targets; the namespace must be one of its namespaces',
    ),
  namespace: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'must be a DNS-1123 label (lower-case letters, digits and "-")',
    )
    .max(63)
    .describe(
      'Namespace to apply to; objects of another namespace are refused',
    ),
  manifests: z
    .array(z.string().min(1))
    .min(1)
    .default(['k8s'])
    .describe(
      'Files or directories in the workspace with the manifests (YAML or JSON); default `k8s`',
    ),
  dryRun: z
    .boolean()
    .default(false)
    .describe(
      'Server-side dry run (`dryRun=All`): validated and admitted by the API server, nothing is stored. Always on when the template runs as a dry run.',
    ),
});

const appliedSchema = z.array(
  z.object({
    apiVersion: z.string(),
    kind: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    result: z
      .enum(['created', 'configured', 'unchanged', 'validated'])
      .describe(
        'validated on dry runs, which do not tell whether an object exists',
      ),
  }),
);

/** Options of {@link createClusterApplyAction}. */
export interface ClusterApplyActionOptions {
  /**
   * The only clusters and namespaces the action may write to, each with its
   * own write identity (`modelScaling.scaffolder.targets`).
   */
  targets: WriteTarget[];
  /** Makes the API client of a target's connection; tests pass a fake. */
  createClient?: (connection: ClusterConfig) => ApplyClient;
  /** The backend log, for the API server's reasons that dry runs do not show. */
  logger?: LoggerService;
}

/**
 * `model-service:cluster:apply`: server-side applies the rendered manifests to
 * a cluster/namespace pair the platform team allows, so the new service shows
 * up in its Scaling tab. Idempotent; supports a server-side dry run.
 */
export function createClusterApplyAction(options: ClusterApplyActionOptions) {
  const createClient = options.createClient ?? createApplyClient;
  return createTemplateAction({
    id: CLUSTER_APPLY_ACTION_ID,
    description:
      'Applies the manifests in the workspace to an allowed cluster/namespace with its own write identity and server-side apply (field manager model-scaling-scaffolder). Only the kinds of a model service (Deployment, Service, HorizontalPodAutoscaler, ScaledObject, TriggerAuthentication, ConfigMap, PodDisruptionBudget, ServiceAccount); never takes over objects it did not create. Supports dry runs, which do not tell whether objects exist.',
    examples,
    supportsDryRun: true,
    schema: {
      input: forScaffolder(inputSchema),
      output: {
        applied: forScaffolder(appliedSchema),
        dryRun: forScaffolder(z.boolean()),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(
        CLUSTER_APPLY_ACTION_ID,
        inputSchema,
        ctx.input,
      );
      const { cluster: clusterName, namespace } = input;
      const target = options.targets.find(
        t => t.cluster === clusterName && t.namespaces.includes(namespace),
      );
      if (!target) {
        const list = options.targets
          .flatMap(t => t.namespaces.map(ns => `${t.cluster}/${ns}`))
          .join(', ');
        throw new NotAllowedError(
          `cluster/namespace: applying to cluster "${clusterName}", namespace "${namespace}" is not allowed; modelScaling.scaffolder.targets allows ${
            list || 'no targets'
          }`,
        );
      }
      const dryRun = input.dryRun || ctx.isDryRun === true;
      const documents = await readManifests(ctx.workspacePath, input.manifests);
      for (const d of documents) {
        checkApplyAllowedKind(d.object, `${d.file} document ${d.index + 1}`);
      }
      ctx.logger.info(
        `${dryRun ? 'Dry-run applying' : 'Applying'} ${
          documents.length
        } objects to ${clusterName}/${namespace}`,
      );
      const applier = new ManifestApplier(
        createClient(target.connection),
        { cluster: clusterName, namespace },
        options.logger,
      );
      const applied = await applier.apply(
        documents.map(d => d.object),
        { dryRun },
      );
      for (const object of applied) {
        ctx.logger.info(
          `${object.kind}/${object.name} ${object.result}${
            dryRun ? ' (server dry run)' : ''
          }`,
        );
      }
      ctx.output('applied', applied);
      ctx.output('dryRun', dryRun);
    },
  });
}
