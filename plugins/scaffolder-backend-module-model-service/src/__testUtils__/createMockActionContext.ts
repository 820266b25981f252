import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';

/** An action context for tests, with the outputs the handler wrote. */
export type MockActionContext<TInput extends JsonObject> = ActionContext<
  TInput,
  JsonObject
> & {
  /** Every `ctx.output(name, value)` call, by name. */
  outputs: Record<string, JsonValue>;
};

const temporaryDirectories: string[] = [];

/**
 * Builds an {@link ActionContext} like the scaffolder's task worker does:
 * a workspace path, a logger, an output collector, checkpoints that run their
 * function, and the initiator's credentials. A stand-in for
 * `createMockActionContext` of `@backstage/plugin-scaffolder-node-test-utils`,
 * which has no release matching this Backstage version.
 */
export function createMockActionContext<TInput extends JsonObject>(options: {
  input: TInput;
  workspacePath: string;
  isDryRun?: boolean;
  credentials?: BackstageCredentials;
}): MockActionContext<TInput> {
  const outputs: Record<string, JsonValue> = {};
  const credentials = options.credentials ?? mockCredentials.user();
  return {
    input: options.input,
    workspacePath: options.workspacePath,
    logger: mockServices.logger.mock(),
    secrets: {},
    isDryRun: options.isDryRun,
    task: { id: 'mock-task' },
    templateInfo: { entityRef: 'template:default/model-service' },
    user: { ref: credentials.principal && 'user:default/mock' },
    outputs,
    output(name: string, value: JsonValue) {
      outputs[name] = value;
    },
    async checkpoint(opts: { key: string; fn: () => Promise<any> | any }) {
      return opts.fn();
    },
    async createTemporaryDirectory() {
      const dir = await mkdtemp(join(tmpdir(), 'model-service-action-'));
      temporaryDirectories.push(dir);
      return dir;
    },
    async getInitiatorCredentials() {
      return credentials;
    },
  } as MockActionContext<TInput>;
}

/** Removes the temporary directories created by mock contexts. */
export async function cleanupMockActionContexts(): Promise<void> {
  await Promise.all(
    temporaryDirectories
      .splice(0)
      .map(dir => rm(dir, { recursive: true, force: true })),
  );
}
