import { createOpenApiRouter } from './openapi';

/**
 * An express router typed by `openapi.yaml`: each route's path parameters,
 * query, body and JSON answer have the types generated from the spec
 * (`src/schema/openapi/generated`, regenerated with `yarn generate:openapi`).
 */
export type ModelScalingApiRouter = Awaited<
  ReturnType<typeof createOpenApiRouter>
>;

/**
 * The plugin's router, built with the generated `createOpenApiRouter`
 * (`@backstage/backend-openapi-utils`) so the spec is the routes' contract.
 *
 * Its built-in request checks are off on purpose: every route validates its
 * path, query and body with zod at the edge, whose `InputError` names the
 * field and the rule, and checks credentials with `httpAuth` (401 without
 * them, which the validator's security check would turn into a 400). The
 * spec declares the same rules, so a request the spec allows is one the
 * routes accept.
 */
export function createApiRouter(): Promise<ModelScalingApiRouter> {
  return createOpenApiRouter({
    validatorOptions: {
      validateRequests: false,
      validateSecurity: false,
      // With request checks off nothing reads the route metadata the
      // validator would look up per request (it compiles a path-to-regexp
      // per spec route per request: 0.03 ms of each status view at 5,000
      // services), and no route takes file uploads (its multipart check
      // runs an Ajv lookup per request).
      ignorePaths: () => true,
      fileUploader: false,
    },
  });
}
