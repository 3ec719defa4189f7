/**
 * Everything CI runs, in order, stopping at the first failing step:
 * lint (ESLint, zero warnings: typescript-eslint, react-hooks, import boundaries) → typecheck → build functions → their bundle sizes → unit + integration (jest node, app) → an index for every recorded
 * query (jest indexes) → the function bundles on the deploy Node runtime → production weapp build →
 * WeChat's compilers, JS syntax level, package sizes and WeChat's config rules over it → every weapp
 * page rendered in miniprogram-simulate (jest weapp) → production h5 build → bundle-secret check →
 * browser journeys (jest e2e).
 * Ends with one summary line "Tests: N passed, N failed" over all jest projects.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { DEPLOY_NODE_VERSION } from './deploy-runtime'

const root = join(__dirname, '..')
const bin = (name: string) => join(root, 'node_modules', '.bin', name)
const reports = join(root, 'artifacts', 'test-reports')
mkdirSync(reports, { recursive: true })

let passed = 0
let failed = 0
let skipped = 0

/** Runs one step; returns its exit status (0 = passed). */
function run(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = Date.now()
  console.log(`\n━━ ${title}`)
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const status = res.status ?? 1
  console.log(status === 0 ? `✓ ${title} (${seconds} s)` : `✗ ${title} failed after ${seconds} s`)
  return status
}

function stopOnFailure(status: number): void {
  if (status === 0) return
  summary()
  process.exit(status)
}

function step(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  stopOnFailure(run(title, cmd, args, env))
}

function jest(title: string, projects: string[], extra: string[] = []): void {
  const out = join(reports, `jest-${projects.join('-')}.json`)
  const args = ['--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...extra]
  if (process.env.CI) args.push('--ci')
  rmSync(out, { force: true })
  const status = run(title, bin('jest'), args)
  try {
    const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number }
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += r.numPendingTests
  } catch {
    // jest crashed before writing its report; its non-zero status says so
  }
  stopOnFailure(status)
}

function summary(): void {
  console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
}

step('Lint: typescript-eslint, react-hooks and the import boundaries (eslint.config.mjs), zero warnings', bin('eslint'), ['.', '--max-warnings', '0'])
step('TypeScript (strict) typecheck', bin('tsc'), ['--noEmit', '-p', '.'])
step('Build cloud functions', bin('tsx'), ['scripts/build-functions.ts'])
step('Function bundles within their size limit (each carries only its own contract)', bin('tsx'), ['scripts/function-sizes.ts'])
// the integration suites record every query shape the functions issue (scripts/testing/emulator-fixture.ts)
rmSync(join(root, 'artifacts', 'query-shapes'), { recursive: true, force: true })
jest('Unit + integration tests (domain, functions via the emulator, emulator conformance, app components)', ['node', 'app'])
jest('Every recorded query has an index in database/*.json', ['indexes'])
step(`Function bundles load and answer on Node ${DEPLOY_NODE_VERSION} (the CloudBase runtime the README prescribes)`, bin('tsx'), ['scripts/check-functions-node.ts'])
step('Production weapp build', bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' })
step("WeChat's compilers over the weapp build (wcsc: every .wxss, wcc: every .wxml)", bin('tsx'), ['scripts/check-weapp-compile.ts'])
step('weapp JavaScript at the syntax level project.config.json promises (ES5)', bin('tsx'), ['scripts/check-weapp-syntax.ts'])
step('weapp package sizes (hard limit 2 MB)', bin('tsx'), ['scripts/package-size.ts'])
step("weapp and function configs against WeChat's documented rules", bin('tsx'), ['scripts/check-weapp-config.ts'])
jest('weapp pages in miniprogram-simulate (WeChat’s wcc, the built Taro runtime, the emulator)', ['weapp'], ['--runInBand'])
step('Production h5 build', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
step('No secrets in the built front end nor in the deploy settings (deploy/*.json)', bin('tsx'), ['scripts/check-bundle-secrets.ts'])
jest('Browser journeys (headless Chromium on the h5 build)', ['e2e'], ['--runInBand'])
summary()
