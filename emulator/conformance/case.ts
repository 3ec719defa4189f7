/**
 * A conformance case: one documented CloudBase behaviour, run inside a cloud function that the
 * emulator executes with the real wx-server-sdk (`run`), and checked in jest (`check`) — so the
 * whole path a production function takes (SDK → wire protocol → emulator) is what is tested.
 *
 * `run` executes in the function's process: it may only use the context it is given (no jest, no
 * emulator internals) and must return plain JSON. `check` asserts only what the server decides
 * (answers, error codes, documents), never emulator internals.
 */
import type { expect as jestExpect } from '@jest/globals'
import type { RunningEmulator } from '../index'

/* The SDK's objects are untyped here on purpose: cases exercise the SDK as production code does. */
export interface CaseContext {
  /** wx-server-sdk, initialised with DYNAMIC_CURRENT_ENV */
  cloud: any
  /** cloud.database() */
  db: any
  /** db.command */
  _: any
  /** db.command.aggregate */
  $: any
  /** A fresh collection for this case (created with db.createCollection), seeded with `docs` in order (one batch add). */
  freshCollection(docs?: Record<string, unknown>[]): Promise<string>
  /** What a rejected SDK call looks like to production code, or null when it resolved. */
  failure(p: Promise<unknown> | (() => Promise<unknown>)): Promise<SdkFailure | null>
  sleep(ms: number): Promise<void>
}

/** The fields production code can see on an SDK error (wx-server-sdk drops `code` on some). */
export interface SdkFailure {
  code?: string
  errCode?: number
  errMsg?: string
  message: string
}

export interface ConformanceCase<R = any> {
  /** stable, unique across the suite, e.g. `tx.write-conflict-fails-at-once` */
  id: string
  /** what CloudBase does, in one sentence */
  title: string
  /**
   * Where the behaviour is documented: a doc URL (developers.weixin.qq.com / docs.cloudbase.net), or
   * an upstream production-run test as `TencentCloudBase/node-sdk test/database/unit/<file> › <case>`.
   */
  source: string
  /**
   * Test-side, before `run`: drives what in production is not the function's doing (e.g. the clock
   * of the timer triggers). Never asserts; the server's answer is still read in `run`.
   */
  before?(emulator: RunningEmulator): Promise<void>
  run(ctx: CaseContext): Promise<R>
  check(result: R, expect: typeof jestExpect): void
}

export interface CaseArea {
  /** e.g. 'database: transactions' */
  area: string
  cases: ConformanceCase[]
}

export const defineArea = (area: string, cases: ConformanceCase[]): CaseArea => ({ area, cases })
