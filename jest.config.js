// One config, three tiers told apart by file suffix: *.spec.ts (pure), *.int-spec.ts (real stores),
// test/*.e2e-spec.ts (HTTP against a real app). `npm test` runs them all.
const swc = {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  // ESM-only packages are compiled to CommonJS for Jest; Node itself loads them natively.
  transformIgnorePatterns: [
    '/node_modules/(?!(canonicalize|uuid|jose|kysely|@faker-js/faker|double-metaphone|@fastify/static|content-disposition)/)',
  ],
  moduleNameMapper: {
    '^@ledger/(event-sourcing|ledger|matching|security)$': '<rootDir>/libs/$1/src',
    '^@ledger/(event-sourcing|ledger|matching|security)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
