import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AllowedTarget, ClusterConnection } from '../config';
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
      'Cluster name from kubernetes.clusterLocatorMethods; the cluster/namespace pair must be in modelScaling.scaffolder.allowedTargets',
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
    result: z.enum(['created', 'configured', 'unchanged']),
  }),
);

/** Options of {@link createClusterApplyAction}. */
export interface ClusterApplyActionOptions {
  /** The only cluster/namespace pairs the action may write to. */
  allowedTargets: AllowedTarget[];
  /** Connections of the configured clusters. */
  clusters: ClusterConnection[];
  /** Makes the API client of a cluster; tests pass a fake. */
  createClient?: (cluster: ClusterConnection) => ApplyClient;
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
      'Applies the manifests in the workspace to an allowed cluster/namespace with server-side apply (field manager model-scaling-scaffolder). Supports dry runs.',
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
      const allowed = options.allowedTargets.some(
        t => t.cluster === clusterName && t.namespace === namespace,
      );
      if (!allowed) {
        const list = options.allowedTargets
          .map(t => `${t.cluster}/${t.namespace}`)
          .join(', ');
        throw new NotAllowedError(
          `cluster/namespace: applying to cluster "${clusterName}", namespace "${namespace}" is not allowed; modelScaling.scaffolder.allowedTargets allows ${
            list || 'no targets'
          }`,
        );
      }
      const cluster = options.clusters.find(c => c.name === clusterName);
      if (!cluster) {
        throw new InputError(
          `cluster: "${clusterName}" is allowed but not configured in kubernetes.clusterLocatorMethods`,
        );
      }
      const dryRun = input.dryRun || ctx.isDryRun === true;
      const documents = await readManifests(ctx.workspacePath, input.manifests);
      ctx.logger.info(
        `${dryRun ? 'Dry-run applying' : 'Applying'} ${
          documents.length
        } objects to ${clusterName}/${namespace}`,
      );
      const applier = new ManifestApplier(createClient(cluster), {
        cluster: clusterName,
        namespace,
      });
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
