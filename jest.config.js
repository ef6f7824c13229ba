import { availableParallelism } from 'node:os';

/**
 * Jest runs the TypeScript sources as ESM through ts-jest. At least three workers, even on 2 cores
 * (jest's default there is one): most suites wait on child processes, git and the test server's
 * latency, so a third worker fills the cores while the others wait.
 */
export default {
  maxWorkers: Math.max(3, availableParallelism()),
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
};
