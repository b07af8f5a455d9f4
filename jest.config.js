// Two projects: fast unit tests (AWS clients mocked) and integration tests against the
// embedded local cloud with real Devito. @middy/* is ESM-only, so ts-jest also transforms it.
const tsJest = [
  'ts-jest',
  {
    tsconfig: {
      module: 'commonjs',
      moduleResolution: 'node',
      allowJs: true,
      isolatedModules: true,
      esModuleInterop: true,
      target: 'ES2022',
    },
    diagnostics: false,
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': tsJest },
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  moduleNameMapper: { '^@seisless/core$': '<rootDir>/packages/core/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      testTimeout: 600000,
    },
  ],
};
