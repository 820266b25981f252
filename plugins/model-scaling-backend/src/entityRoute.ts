import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { z } from 'zod';
import { EntityReadAuthorizer } from './services/Authorization/EntityAuthorizer';

/** Reads an entity for a caller allowed to read its scaling status; throws 404 / 403 otherwise. */
export type EntityReader = (
  credentials: BackstageCredentials,
  entityRef: string,
) => Promise<Entity>;

// Entity ref parts as the catalog accepts them.
const refPart = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(253, `${what} must be at most 253 characters`)
    .regex(
      /^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/,
      `${what} must be letters and digits separated by '-', '_' or '.'`,
    );

const entityParamsSchema = z.object({
  namespace: refPart('namespace'),
  kind: z
    .string()
    .min(1, 'kind must not be empty')
    .max(63, 'kind must be at most 63 characters')
    .regex(
      /^[A-Za-z][A-Za-z0-9]*$/,
      'kind must be a word of letters and digits',
    ),
  name: refPart('name'),
});

/** Parses `input` with `schema`; the first issue becomes an `InputError` naming `where` and the field. */
export function parseInput<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: unknown,
  where: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${where} '${issue.path.join('.')}': ${issue.message}`,
    );
  }
  return result.data;
}

/** The entity ref of a `/v1/entities/:namespace/:kind/:name/...` route's path parameters. */
export function entityRefFromParams(params: unknown): string {
  const { namespace, kind, name } = parseInput(
    entityParamsSchema,
    params,
    'path parameter',
  );
  return stringifyEntityRef({ kind, namespace, name });
}

/**
 * The entity routes' rule through the plugin's entity index and the cached
 * per-caller authorizer: an entity the caller may not see in the catalog is
 * answered like a missing one (404), one it sees without
 * `model-scaling.entity.read` is a 403.
 */
export function indexEntityReader(deps: {
  entities: { lookup(ref: string): Promise<Entity | undefined> };
  authorizer: Pick<EntityReadAuthorizer, 'access'>;
}): EntityReader {
  return async (credentials, entityRef) => {
    const entity = await deps.entities.lookup(entityRef);
    const access = entity
      ? await deps.authorizer.access(credentials, entity)
      : 'hidden';
    if (!entity || access === 'hidden') {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (access === 'denied') {
      throw new NotAllowedError(
        `Not allowed to read the scaling status of ${entityRef}`,
      );
    }
    return entity;
  };
}
