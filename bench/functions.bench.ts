/**
 * The emulator's functions runtime, warm, as the browser app reaches it: POST /fn/echo through the
 * h5 gateway → a pooled child process running a fixture function with the real wx-server-sdk.
 * Latency: one client, sequential calls. Throughput: 20 concurrent keep-alive clients for a fixed time.
 */
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator } from '../emulator'
import { createStubDatabase } from '../emulator/testing/stub-database'
import { percentile, round } from './stats'
import type { BenchResult } from './types'

const FIXTURES = path.join(__dirname, '..', 'emulator', 'functions', '__fixtures__')
const WARMUP = 100
const SAMPLES = 1000
const CLIENTS = 20
const THROUGHPUT_MS = 4000

export async function run(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xg-fn-bench-'))
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    functionsRoot: FIXTURES,
    personas: [{ openid: 'bench-rider', label: 'bench' }],
    database: createStubDatabase(),
    quiet: true,
  })
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS })
  try {
    const signin = await fetch(`${emulator.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'bench-rider' }) })
    const cookie = signin.headers.get('set-cookie')?.split(';')[0] ?? ''
    const { port } = emulator
    const body = JSON.stringify({ action: 'ping', input: { n: 1 } })
    const call = () =>
      new Promise<void>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port, path: '/fn/echo', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (c: string) => (text += c))
            res.on('end', () => (res.statusCode === 200 && text.includes('"ok":true') ? resolve() : reject(new Error(`echo failed: ${res.statusCode} ${text}`))))
          },
        )
        req.on('error', reject)
        req.end(body)
      })

    await emulator.functions.prewarm('echo', 4)
    const spawnedBefore = emulator.functions.stats('echo')!.spawned
    for (let i = 0; i < WARMUP; i++) await call()
    const samples: number[] = []
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now()
      await call()
      samples.push(performance.now() - t)
    }
    const p50 = round(percentile(samples, 50))
    const p99 = round(percentile(samples, 99))

    let done = 0
    const until = performance.now() + THROUGHPUT_MS
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < until) {
          await call()
          done++
        }
      }),
    )
    const perSecond = Math.round(done / ((performance.now() - started) / 1000))
    const stats = emulator.functions.stats('echo')!
    return [
      { name: 'function call via gateway, warm p50', value: p50, unit: 'ms', budget: '≤ 10 ms', ok: p50 <= 10 },
      { name: 'function call via gateway, warm p99', value: p99, unit: 'ms', budget: '≤ 50 ms', ok: p99 <= 50 },
      { name: `function calls/s, ${CLIENTS} concurrent clients`, value: perSecond, unit: 'req/s', budget: '≥ 300/s', ok: perSecond >= 300 },
      { name: 'instances started during warm calls', value: stats.spawned - spawnedBefore, unit: '', budget: `pool ≤ ${stats.alive} alive` },
    ]
  } finally {
    agent.destroy()
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) run().then((r) => console.table(r))
