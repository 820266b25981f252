import { TestDatabaseId } from '@backstage/backend-test-utils';

/**
 * SQLite always; PostgreSQL when the PostgreSQL test tier (or a developer)
 * sets `BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING`.
 * Docker is never used.
 */
export const TEST_DATABASE_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];
