/**
 * The conformance function: `{ case: id }` → runs that case's `run` with the real wx-server-sdk and
 * answers `{ ok: true, result }` or `{ ok: false, failure }` (an unexpected throw, described).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- wx-server-sdk is CommonJS without types
const cloud = require('wx-server-sdk')
import { randomBytes } from 'node:crypto'
import type { CaseContext, SdkFailure } from '../case'
import { AREAS } from '../cases'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

const byId = new Map(AREAS.flatMap((a) => a.cases).map((c) => [c.id, c]))

export function describeFailure(err: unknown): SdkFailure {
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>
    const out: SdkFailure = { message: String(e.message ?? e.errMsg ?? '') }
    if (typeof e.code === 'string') out.code = e.code
    if (typeof e.errCode === 'number') out.errCode = e.errCode
    if (typeof e.errMsg === 'string') out.errMsg = e.errMsg
    return out
  }
  return { message: String(err) }
}

function context(caseId: string): CaseContext {
  const db = cloud.database()
  return {
    cloud,
    db,
    _: db.command,
    $: db.command.aggregate,
    async freshCollection(docs = []) {
      const name = `conf_${caseId.replace(/[^A-Za-z0-9]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`
      await db.createCollection(name)
      // one batch add: the documents keep their order (the natural order reads return)
      if (docs.length) await db.collection(name).add({ data: docs })
      return name
    },
    async failure(p) {
      try {
        await (typeof p === 'function' ? p() : p)
        return null
      } catch (err) {
        return describeFailure(err)
      }
    },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  }
}

/** Where a timer firing leaves what the function saw (timers cases read it back in `run`). */
export const SEEN_COLLECTION = 'conf_seen'

async function rememberTimer(event: unknown) {
  const db = cloud.database()
  await db.createCollection(SEEN_COLLECTION).catch(() => undefined) // exists after the first firing
  await db.collection(SEEN_COLLECTION).add({ data: { kind: 'timer', event, wx: cloud.getWXContext(), at: Date.now() } })
  return { ok: true }
}

export async function main(event: { case?: string; Type?: string; probe?: boolean }, scfContext?: { request_id?: string }) {
  // a timer trigger's firing (config.json) — no case to run
  if (event?.Type === 'Timer') return rememberTimer(event)
  // called by a case through cloud.callFunction: what the callee sees
  if (event?.probe) return { event, wx: cloud.getWXContext(), requestId: scfContext?.request_id }
  const c = byId.get(String(event?.case))
  if (!c) return { ok: false, failure: { message: `unknown case ${String(event?.case)}` } }
  try {
    return { ok: true, result: (await c.run(context(c.id))) ?? null }
  } catch (err) {
    return { ok: false, failure: describeFailure(err) }
  }
}
