/**
 * Warm latency of `user.me` as the browser app calls it: POST /fn/user through the emulator's h5
 * gateway, the real function bundle, the real wx-server-sdk and the emulator's database.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../emulator'
import { buildFunctions } from '../scripts/build-functions'
import { demoSnapshot } from '../scripts/demo/data'
import { DEMO_RIDER, personas } from '../scripts/demo/personas'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const WARMUP = 30
const SAMPLES = 500

export async function run(): Promise<BenchResult[]> {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-bench-'))
  const emulator = await startEmulator({ port: 0, dataDir, personas, reset: true, quiet: true })
  try {
    await emulator.database.importSnapshot(demoSnapshot())
    const signin = await fetch(`${emulator.url}/__/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: DEMO_RIDER.openid }),
    })
    const cookie = signin.headers.get('set-cookie')?.split(';')[0] ?? ''
    const callMe = async () => {
      const res = await fetch(`${emulator.url}/fn/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ action: 'me', input: {} }),
      })
      const body = (await res.json()) as { ok: boolean }
      if (!body.ok) throw new Error(`user.me failed: ${JSON.stringify(body)}`)
    }
    for (let i = 0; i < WARMUP; i++) await callMe()
    const samples: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now()
      await callMe()
      samples.push(performance.now() - t)
    }
    const p50 = round(percentile(samples, 50))
    const p99 = round(percentile(samples, 99))
    return [
      { name: 'user.me via h5 gateway, warm p50', value: p50, unit: 'ms', budget: '≤ 10 ms', ok: p50 <= 10 },
      { name: 'user.me via h5 gateway, warm p99', value: p99, unit: 'ms', budget: '≤ 50 ms', ok: p99 <= 50 },
    ]
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
