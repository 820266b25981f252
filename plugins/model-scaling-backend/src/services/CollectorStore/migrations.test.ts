import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from './CollectorStore';
import { TEST_DATABASE_IDS } from '../../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const TABLES = [
  'model_scaling_collector_rounds',
  'model_scaling_triton_pods',
  'model_scaling_workload_history',
];

describe('migrations', () => {
  const databases = TestDatabases.create({
    ids: TEST_DATABASE_IDS,
    disableDocker: true,
  });

  it.each(databases.eachSupportedId())(
    'go up and down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory: MIGRATIONS_DIR };

      await knex.migrate.latest(config);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex.migrate.rollback(config, true);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest(config);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex.destroy();
    },
  );
});
