/**
 * One jest run, three projects:
 * - node: domain rules, the functions' router and actions, the emulator (incl. its conformance suite
 *   that drives the real wx-server-sdk) — everything that runs on Node.
 * - app: React components and hooks of the mini-program, rendered with the h5 components in jsdom.
 * - e2e: browser journeys (headless Chromium) against the built h5 app served by the emulator; run
 *   separately by `npm run test:e2e` because they need the h5 build.
 */
const common = { transform: { '^.+\\.[jt]sx?$': 'babel-jest' } }

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/domain', '<rootDir>/server', '<rootDir>/cloudfunctions', '<rootDir>/emulator', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/cloudfunctions/[^/]+/index\\.js$'],
    },
  ],
}
