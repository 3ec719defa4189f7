import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator'
import { createDatabaseService } from '../../emulator/database'
import { describeShape, type ShapeRecord } from '../../emulator/database/query-shapes'
import { loadSdk } from '../../emulator/database/testing'
import type { Database } from '../../server/cloud'
import { buildFunctions } from '../build-functions'
import { personas } from '../demo/personas'
import { appPages } from '../app-pages'
import { localFunctionEnv } from '../function-env'

/**
 * Integration-test fixture: builds the real cloud functions, starts the local emulator on a random
 * port with a fresh data dir, and gives tests a way to call a function as a given openid.
 */
export interface TestCloud {
  emulator: RunningEmulator
  /** invoke a function as a mini-program user would, returning the function's answer */
  call(fn: string, event: unknown, openid: string): Promise<unknown>
  stop(): Promise<void>
}

let built: Promise<unknown> | undefined

/**
 * Where every query shape the functions issue is recorded (one file per jest worker process), for
 * index-coverage.after-integration.test.ts; `npm test` empties it before the integration suites.
 */
export const QUERY_SHAPES_DIR = process.env.QUERY_SHAPES_DIR ?? join(__dirname, '..', '..', 'artifacts', 'query-shapes')
const recordedShapes = new Set<string>()

function recordShape(r: ShapeRecord): void {
  const line = JSON.stringify({ collection: r.collection, op: r.op, shape: r.shape, order: r.order, fn: r.fn })
  const key = `${describeShape(r)} ${r.op} ${r.fn}`
  if (recordedShapes.has(key)) return
  recordedShapes.add(key)
  mkdirSync(QUERY_SHAPES_DIR, { recursive: true })
  appendFileSync(join(QUERY_SHAPES_DIR, `worker-${process.env.JEST_WORKER_ID ?? '0'}-${process.pid}.jsonl`), line + '\n')
}

/** `options` override the emulator's (e.g. `{ mediaChecks: 'manual' }`). */
export async function startTestCloud(options: Partial<EmulatorOptions> = {}): Promise<TestCloud> {
  built ??= buildFunctions()
  await built
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-test-'))
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    personas,
    reset: true,
    quiet: true,
    functionEnv: localFunctionEnv(dataDir),
    miniprogramPages: appPages(),
    database: (o) => createDatabaseService({ ...o, onQuery: recordShape }),
    ...options,
  })
  return {
    emulator,
    async call(fn, event, openid) {
      const { result } = await emulator.functions.invoke(fn, event, { openid })
      return result
    },
    async stop() {
      await emulator.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * wx-server-sdk's database in the test process, talking to this emulator: for race tests that hold
 * a transaction open while a function runs.
 */
export const sdkDatabase = (emulator: RunningEmulator): Database => loadSdk(emulator.port).database() as Database

/** Resolves once a running invocation of `fn` has sent at least `writes` database writes. */
export async function untilWrites(emulator: RunningEmulator, fn: string, writes: number): Promise<void> {
  while (!emulator.invocations.running().some((inv) => inv.functionName === fn && inv.counters.writes >= writes)) await new Promise((r) => setTimeout(r, 5))
}
