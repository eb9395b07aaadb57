// Four projects: unit (beside the code), integration (real Elasticsearch + real Go),
// e2e (plus real Chromium), bench_smoke (the benches at smoke scale, each with its own cluster). `npm test` runs all three through dev/bootstrap.js, which prints
// the closing `N passed, N failed` line.
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Transpile only: type checking is its own test (test/static/typecheck.test.ts), run once.
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node10',
          isolatedModules: true,
          jsx: 'react-jsx',
        },
      },
    ],
  },
  moduleNameMapper: { '^@kbn/(.*)$': '<rootDir>/dev/kbn/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
};

const realComponents = {
  globalSetup: '<rootDir>/test/harness/global_setup.ts',
  globalTeardown: '<rootDir>/test/harness/global_teardown.ts',
};

module.exports = {
  // Jest's 5 s default is a timing assertion in disguise: a worker-thread parse or a
  // component test typing into EUI takes far longer on a busy 2-core CI machine. A test
  // that hangs still fails, after a minute.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{common,server,public,dev,test/static}/**/*.test.{ts,tsx}'],
      // Component tests choose jsdom with a docblock; this fills in what EUI needs from it.
      setupFilesAfterEnv: ['<rootDir>/test/harness/jsdom_setup.ts'],
      // EUI and Elastic Charts require uuid, which ships only ES modules: transpiled to CommonJS
      // like our own files, so component tests can load EUI.
      transform: {
        ...shared.transform,
        '/node_modules/uuid/.+\\.js$': [
          'ts-jest',
          { tsconfig: { module: 'commonjs', allowJs: true, isolatedModules: true } },
        ],
      },
      transformIgnorePatterns: ['/node_modules/(?!uuid/)'],
    },
    {
      ...shared,
      ...realComponents,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      ...shared,
      ...realComponents,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'bench_smoke',
      testMatch: ['<rootDir>/test/bench_smoke/**/*.test.ts'],
    },
  ],
};
