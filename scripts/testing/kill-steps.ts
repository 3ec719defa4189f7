import { createDatabaseService } from '../../emulator/database'
import { demoSnapshot } from '../demo/data'
import { startTestCloud, type TestCloud } from './emulator-fixture'

/**
 * Registers the suite's hooks: an emulator with the demo data whose transactions live 1 s (a kill
 * inside one leaves it open, holding its locks, for that long; production: 30 s), and no kill rule
 * left armed after a test. Answers the running cloud. `KILL_TX_LIFETIME_MS=120` rehearses a machine
 * slower than that lifetime (every attempt must still end in an answer, busy at worst).
 */
export function killTestCloud(): () => TestCloud {
  let cloud: TestCloud | undefined
  beforeAll(async () => {
    cloud = await startTestCloud({ database: (o) => createDatabaseService({ ...o, transactionLifetimeMs: Number(process.env.KILL_TX_LIFETIME_MS ?? 1000) }) })
    await cloud.emulator.database.importSnapshot(demoSnapshot())
  }, 120_000)
  afterAll(() => cloud?.stop())
  afterEach(() => cloud?.emulator.faults.clear())
  return () => cloud!
}

/**
 * Kill-between-steps for one action (issue 14, item 2): the action is crashed at its 1st, 2nd, …
 * database request — before the request reaches the database, then after it was applied — until a
 * call runs through without reaching the armed request, so every step of the sequence is covered
 * without the test knowing how many there are. After each crash the caller retries, and `check`
 * asserts the invariant (nothing lost, nothing twice).
 *
 * Each case gets its own `subject` (a fresh rider, item, report…) from `setup`, so the cases do not
 * see each other's leftovers.
 */
export interface KillStepsSpec<S> {
  fn: string
  action: string
  /** a fresh subject for case `i` (0-based) */
  setup(i: number): Promise<S>
  /** the call that is killed; it is called again, unarmed, as the retry */
  call(subject: S): Promise<unknown>
  /** after the retry answered (its answer given): assert the invariant */
  check(subject: S, retryAnswer: unknown): Promise<void>
  /** a safety bound on the number of requests (default 40) */
  maxOps?: number
}

export interface KillStepsReport {
  /** the database actions the crashes landed on, e.g. `before #3 database.insertDocument checkins` */
  killed: string[]
}

export async function killAtEveryStep<S>(cloud: TestCloud, spec: KillStepsSpec<S>): Promise<KillStepsReport> {
  const killed: string[] = []
  let i = 0
  for (const when of ['before', 'after'] as const) {
    for (let op = 1; op <= (spec.maxOps ?? 40); op++) {
      const subject = await spec.setup(i++)
      const kill = cloud.emulator.faults.killAt({ function: spec.fn, action: spec.action, op, on: 'any', when })
      let crashed = false
      let answer: unknown
      try {
        answer = await spec.call(subject)
      } catch (err) {
        if ((err as { code?: string }).code !== 'FUNCTION_CRASHED') throw err
        crashed = true
      }
      kill.cancel()
      if (!crashed) {
        if (kill.kills.length) throw new Error(`the kill at ${when} #${op} fired but the call answered`)
        if (op === 1) throw new Error(`${spec.fn}.${spec.action} made no database request`)
        await spec.check(subject, answer)
        break
      }
      const k = kill.kills[0]
      killed.push(`${when} #${op} ${k.databaseAction}${k.collection ? ` ${k.collection}` : ''}`)
      // A transaction the crash left open holds its locks until its lifetime ends: the person taps
      // again on "busy, try again", as the app tells them to.
      for (let tries = 0; ; tries++) {
        answer = await spec.call(subject)
        if (!isBusy(answer) || tries >= 20) break
        await new Promise((r) => setTimeout(r, 250))
      }
      failOnInternal(cloud, spec.fn, answer)
      await spec.check(subject, answer)
    }
  }
  return { killed }
}

/**
 * An INTERNAL answer is never a retry's right answer; its cause is only in the function's log (the
 * router logs the error and answers 「服务开小差了」), so the failure quotes that log line.
 */
function failOnInternal(cloud: TestCloud, fn: string, answer: unknown): void {
  if ((answer as { error?: { code?: string } })?.error?.code !== 'INTERNAL') return
  const [last] = cloud.emulator.functions.recentInvocations({ functionName: fn, limit: 1 })
  const logged = last?.logs.filter((l) => l.level === 'error').map((l) => l.text) ?? []
  throw new Error(`${fn} answered INTERNAL to the retry; its log: ${logged.join('\n') || '(nothing logged)'}`)
}

/** runTx's TxBusyError as the router answers it */
const isBusy = (answer: unknown): boolean => {
  const a = answer as { ok?: boolean; error?: { code?: string; message?: string } }
  return a?.ok === false && a.error?.code === 'CONFLICT' && /稍后重试/.test(a.error.message ?? '')
}
