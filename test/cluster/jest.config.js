/*
 * Jest config of the cluster tests (run by run.sh after start.sh, never by `yarn test:all`):
 * Node environment, TypeScript through the same SWC transform as backstage-cli, one test file
 * at a time (they share one cluster).
 */
const path = require('path');

const swc = require.resolve(
  '@backstage/cli-module-test-jest/config/jestSwcTransform',
);
const yaml = require.resolve(
  '@backstage/cli-module-test-jest/config/jestYamlTransform',
);

module.exports = {
  rootDir: path.resolve(__dirname, 'tests'),
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: [
    'ts',
    'tsx',
    'js',
    'jsx',
    'mjs',
    'cjs',
    'json',
    'node',
  ],
  transform: {
    '\\.(mjs|cjs|js)$': [
      swc,
      {
        module: { ignoreDynamic: true, exportInteropAnnotation: true },
        jsc: { parser: { syntax: 'ecmascript' } },
      },
    ],
    '\\.(mts|cts|ts|tsx)$': [
      swc,
      {
        module: { ignoreDynamic: true, exportInteropAnnotation: true },
        jsc: { parser: { syntax: 'typescript', tsx: true } },
      },
    ],
    '\\.(yaml)$': yaml,
  },
  transformIgnorePatterns: [
    '/node_modules/(?:@material-ui|ajv|core-js|jest-.*|jsdom|knex|react|react-dom|typescript)/',
  ],
  maxWorkers: 1,
  testTimeout: 300_000,
  // A backend started with startTestBackend in a test file can leave a scheduler timer
  // behind after stop(); the run must end when the tests have, never hang CI.
  forceExit: true,
};
