/**
 * One jest run, three projects:
 * - node: domain rules, the functions' router and actions, the emulator (incl. its conformance suite
 *   that drives the real wx-server-sdk) — everything that runs on Node.
 * - app: React components and hooks of the mini-program, rendered with the h5 components in jsdom.
 * - e2e: browser journeys (headless Chromium) against the built h5 app served by the emulator; run
 *   separately by `npm run test:e2e` because they need the h5 build.
 * - indexes: checks that every query shape the integration suites recorded has an index in
 *   database/*.json (scripts/testing/*.after-integration.test.ts); run after them by `npm test`.
 * - weapp: every page of the production weapp build (dist/) rendered in miniprogram-simulate with
 *   WeChat's template compiler, its cloud calls answered by one emulator (test/weapp/README.md);
 *   run separately by `npm run test:weapp` because it needs the weapp build.
 */
const common = { transform: { '^.+\\.[jt]sx?$': 'babel-jest' } }

/** Taro's build-time globals, which its runtime and components read. */
const taroGlobals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: false,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: false,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
}

const app = {
  ...common,
  displayName: 'app',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Platform files: `./transport` resolves to transport.h5.ts as in the h5 build.
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'json'],
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/app/taro-components.ts',
    '^@tarojs/taro$': '<rootDir>/test/app/taro.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@domain/(.*)$': '<rootDir>/domain/$1',
    '\\.(css|scss|sass)$': '<rootDir>/test/app/style-stub.js',
  },
  // Taro and the libraries its h5 components use ship untranspiled ESM.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|swiper|lodash-es|query-string|@stencil|decode-uri-component|split-on-first|filter-obj)/)'],
  setupFiles: ['<rootDir>/test/app/setup.ts'],
  globals: taroGlobals,
}

const e2e = {
  ...common,
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/e2e/setup.ts'],
}

const indexes = {
  ...common,
  displayName: 'indexes',
  testEnvironment: 'node',
  roots: ['<rootDir>/scripts/testing'],
  testMatch: ['**/*.after-integration.test.ts'],
}

const weapp = {
  ...common,
  displayName: 'weapp',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.weapp.test.ts'],
  // dist/ runs as built: never transformed
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
  globalSetup: '<rootDir>/test/weapp/cloud-setup.ts',
  globalTeardown: '<rootDir>/test/weapp/cloud-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/weapp/setup.ts'],
}

// The e2e and weapp projects need a build (and e2e a browser): they join the run only when asked
// for (`jest --selectProjects e2e`), so a plain `jest` runs node + app.
const wants = (name) => process.argv.some((a) => new RegExp(`(^|[=,])${name}$`).test(a)) || process.env[`JEST_${name.toUpperCase()}`] === '1'

module.exports = {
  // Integration tests run real function processes; on a loaded 2-core machine a cold instance can
  // take seconds. Speed is measured by `npm run bench`, not by timeouts.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/domain', '<rootDir>/server', '<rootDir>/cloudfunctions', '<rootDir>/emulator', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/cloudfunctions/[^/]+/index\\.js$', '\\.after-integration\\.test\\.ts$'],
    },
    app,
    ...(wants('indexes') ? [indexes] : []),
    ...(wants('e2e') ? [e2e] : []),
    ...(wants('weapp') ? [weapp] : []),
  ],
}
