/**
 * Everything CI runs, in order, stopping at the first failing step:
 * typecheck → build functions → unit + integration (jest node, app) → production builds (weapp, h5)
 * → package-size and bundle-secret checks → browser journeys (jest e2e).
 * Ends with one summary line "Tests: N passed, N failed" over all jest projects.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..')
const bin = (name: string) => join(root, 'node_modules', '.bin', name)
const reports = join(root, 'artifacts', 'test-reports')
mkdirSync(reports, { recursive: true })

let passed = 0
let failed = 0
let skipped = 0

function step(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now()
  console.log(`\n━━ ${title}`)
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (res.status !== 0) {
    console.error(`✗ ${title} failed after ${seconds} s`)
    summary()
    process.exit(res.status ?? 1)
  }
  console.log(`✓ ${title} (${seconds} s)`)
}

function jest(title: string, projects: string[], extra: string[] = []): void {
  const out = join(reports, `jest-${projects.join('-')}.json`)
  const args = ['--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...extra]
  if (process.env.CI) args.push('--ci')
  try {
    step(title, bin('jest'), args)
  } finally {
    try {
      const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number }
      passed += r.numPassedTests
      failed += r.numFailedTests
      skipped += r.numPendingTests
    } catch {
      // jest crashed before writing its report; the step's own failure already says so
    }
  }
}

function summary(): void {
  console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
}

step('TypeScript (strict) typecheck', bin('tsc'), ['--noEmit', '-p', '.'])
step('Build cloud functions', bin('tsx'), ['scripts/build-functions.ts'])
jest('Unit + integration tests (domain, functions via the emulator, emulator conformance, app components)', ['node', 'app'])
step('Production weapp build', bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' })
step('weapp package sizes (hard limit 2 MB)', bin('tsx'), ['scripts/package-size.ts'])
step('Production h5 build', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
step('No secrets in the built front end', bin('tsx'), ['scripts/check-bundle-secrets.ts'])
jest('Browser journeys (headless Chromium on the h5 build)', ['e2e'], ['--runInBand'])
summary()
