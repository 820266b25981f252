/*
 * The Jest config shared by the test tiers that run against real servers (test/cluster,
 * test/triton, test/postgres; each run by its run.sh, never by `yarn test:all`): Node
 * environment, TypeScript through the same SWC transform as backstage-cli, one test file at a
 * time (the files of a tier share one server).
 */
const path = require('path');

const swc = require.resolve(
  '@backstage/cli-module-test-jest/config/jestSwcTransform',
);
const yaml = require.resolve(
  '@backstage/cli-module-test-jest/config/jestYamlTransform',
);

function tierJestConfig(dir, extra = {}) {
  return {
    rootDir: path.resolve(dir, 'tests'),
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
    ...extra,
  };
}

module.exports = { tierJestConfig };
