/**
 * Size and cold load of each built cloud function bundle (`cloudfunctions/<name>/index.js`, what
 * CloudBase loads, wx-server-sdk excluded: each function installs it from its own package.json).
 *
 *   npx tsx scripts/function-sizes.ts            fail if a bundle is over the hard limit
 *   npx tsx scripts/function-sizes.ts --limit 100   …or over another limit, in KB
 *   npx tsx scripts/function-sizes.ts --cold        …and each one's cold load (on a quiet machine)
 *
 * Goal 80 KB (issue 15); hard limit 90 KB, which `npm test` enforces. Since 2026-12-03 the bundles are
 * minified and every schema is written with `zod/mini` (15–28 KB of zod in a bundle instead of 83–98 KB
 * for classic zod): 23–80 KB. The hard limit leaves about 10 KB above the largest for growth, and
 * catches what is in our hands: a function carrying every contract rather than its own (+20–43 KB;
 * volunteer, user, suggestions and identity would be 92–98 KB), classic zod coming back (+60–80 KB),
 * a stray dependency. A bundle over the goal is named in the output, without failing.
 */
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchResult } from '../bench/types'
import { FUNCTIONS_ROOT, functionNames } from './build-functions'

const KB = 1024
export const FUNCTION_BUNDLE_GOAL = 80 * KB
export const FUNCTION_BUNDLE_LIMIT = 90 * KB

export const bundleOf = (name: string) => join(FUNCTIONS_ROOT, name, 'index.js')

export function bundleSizes(): { name: string; bytes: number }[] {
  return functionNames().map((name) => ({ name, bytes: statSync(bundleOf(name)).size }))
}

/** Milliseconds to require a bundle in a fresh Node process, wx-server-sdk already loaded (median of `runs`). */
export function coldLoadMs(name: string, runs = 5): number {
  const script = `require('wx-server-sdk');const t=process.hrtime.bigint();require(${JSON.stringify(bundleOf(name))});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const res = spawnSync(process.execPath, ['-e', script], { cwd: join(FUNCTIONS_ROOT, name), encoding: 'utf8' })
    if (res.status !== 0) throw new Error(`${name}: ${res.stderr}`)
    times.push(Number(res.stdout))
  }
  times.sort((a, b) => a - b)
  return Math.round(times[Math.floor(runs / 2)] * 10) / 10
}

/** For `npm run bench`. */
export async function run(): Promise<BenchResult[]> {
  return bundleSizes().flatMap(({ name, bytes }) => [
    { name: `function bundle ${name}`, value: Math.round((bytes / KB) * 10) / 10, unit: 'KB', budget: `goal ≤ ${FUNCTION_BUNDLE_GOAL / KB} KB, hard ≤ ${FUNCTION_BUNDLE_LIMIT / KB} KB`, ok: bytes <= FUNCTION_BUNDLE_GOAL },
    { name: `function cold load ${name}`, value: coldLoadMs(name), unit: 'ms' },
  ])
}

function main(): void {
  const i = process.argv.indexOf('--limit')
  const limit = i > 0 ? Number(process.argv[i + 1]) * KB : FUNCTION_BUNDLE_LIMIT
  const sizes = bundleSizes()
  const cold = process.argv.includes('--cold')
  for (const s of sizes) console.log(`  ${s.name.padEnd(12)} ${(s.bytes / KB).toFixed(1).padStart(7)} KB${cold ? `  cold load ${coldLoadMs(s.name)} ms` : ''}`)
  const over = sizes.filter((s) => s.bytes > limit)
  if (over.length) {
    console.error(`✗ over ${limit / KB} KB: ${over.map((s) => `${s.name} ${(s.bytes / KB).toFixed(1)} KB`).join(', ')}`)
    process.exit(1)
  }
  const overGoal = sizes.filter((s) => s.bytes > FUNCTION_BUNDLE_GOAL)
  if (overGoal.length) console.log(`  over the ${FUNCTION_BUNDLE_GOAL / KB} KB goal: ${overGoal.map((s) => s.name).join(', ')}`)
  console.log(`✓ every function bundle ≤ ${limit / KB} KB`)
}

if (require.main === module) main()
