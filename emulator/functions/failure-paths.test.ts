import { startFixtureEmulator, TEST_PERSONAS, type FixtureEmulator } from '../testing/harness'
import { FunctionInvocationError, MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from './index'

// Every way an invocation can fail must give its pool slot back: with two instances per function,
// a single leaked slot per failure would leave the function unable to answer after two failures.
jest.setTimeout(120_000)

const MAX = 2
let fx: FixtureEmulator
beforeAll(async () => {
  fx = await startFixtureEmulator({ maxInstancesPerFunction: MAX })
})
afterAll(async () => {
  await fx.stop()
})

const nested = (depth: number): unknown => {
  const root: Record<string, unknown> = {}
  let cur = root
  for (let i = 0; i < depth; i++) cur = (cur.a = {}) as Record<string, unknown>
  return root
}

/** Resolves with the invocation's error (or its answer), but fails the test instead of hanging. */
async function settle<T>(p: Promise<T>, what: string, ms = 15_000): Promise<T | unknown> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (a pool slot leaked?)`)), ms)
  })
  try {
    return await Promise.race([p.catch((e: unknown) => e), hung])
  } finally {
    clearTimeout(timer)
  }
}

async function stillAnswers(fn: string, event: Record<string, unknown> = {}) {
  const answer = (await settle(fx.emu.functions.invoke(fn, event, { openid: 'after' }), `${fn} after the failures`)) as { result?: unknown }
  expect(answer).not.toBeInstanceOf(Error)
  const stats = fx.emu.functions.stats(fn)!
  expect(stats.busy).toBe(0)
  expect(stats.queued).toBe(0)
  expect(stats.alive).toBeLessThanOrEqual(MAX)
  return answer.result
}

test(`an event nested deeper than ${MAX_EVENT_DEPTH} levels is refused before IPC; the function keeps answering`, async () => {
  // the reported attack: ~5,000 levels in 36 KB, under the gateway's 100 KB body limit
  const deep = nested(5000)
  for (let i = 0; i < 3 * MAX; i++) {
    const err = await settle(fx.emu.functions.invoke('echo', { action: 'x', input: deep }, { openid: 'attacker' }), `deep event #${i}`)
    expect(err).toBeInstanceOf(FunctionInvocationError)
    expect(err).toMatchObject({ code: 'FUNCTION_INVALID_EVENT', message: expect.stringContaining('InvalidParameterValue') })
  }
  // just inside the bound still runs
  const ok = (await stillAnswers('echo', { action: 'ok', input: nested(MAX_EVENT_DEPTH - 2) })) as { data: { action: string } }
  expect(ok.data.action).toBe('ok')
})

test('the same event through the gateway: 400 VALIDATION, and the function keeps answering', async () => {
  const signin = await fetch(`${fx.emu.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: TEST_PERSONAS[0].openid }) })
  const cookie = signin.headers.get('set-cookie')!.split(';')[0]
  // written out by hand: JSON.stringify itself overflows at this depth
  const body = `{"action":"x","input":${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}}`
  expect(Buffer.byteLength(body)).toBeLessThan(36 * 1024)
  for (let i = 0; i < 3 * MAX; i++) {
    const res = (await settle(fetch(`${fx.emu.url}/fn/echo`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body }), `gateway deep event #${i}`)) as Response
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  }
  await stillAnswers('echo')
})

test(`an event over ${MAX_EVENT_BYTES / 1024 / 1024} MB (SCF's synchronous limit) is refused as RequestTooLarge`, async () => {
  const big = { action: 'x', input: 'x'.repeat(MAX_EVENT_BYTES) }
  const err = await settle(fx.emu.functions.invoke('echo', big, { openid: 'big' }), 'big event')
  expect(err).toMatchObject({ code: 'FUNCTION_EVENT_TOO_LARGE', message: expect.stringContaining('RequestTooLarge') })
  await stillAnswers('echo')
})

test('an event that cannot be serialised (BigInt, cycle) is refused before IPC', async () => {
  const cyclic: Record<string, unknown> = { action: 'x' }
  cyclic.self = cyclic
  for (const event of [{ action: 'x', n: BigInt(1) }, cyclic]) {
    for (let i = 0; i < MAX + 1; i++) {
      expect(await settle(fx.emu.functions.invoke('echo', event, { openid: 'odd' }), 'odd event')).toMatchObject({ code: 'FUNCTION_INVALID_EVENT' })
    }
  }
  await stillAnswers('echo')
})

test('a throw while sending to the child (after the checks passed) releases the slot', async () => {
  for (let i = 0; i < 3 * MAX; i++) {
    // passes the size/depth check once, then throws when the IPC channel serialises it again
    let calls = 0
    const sly = { action: 'x', input: { toJSON: () => (++calls > 1 ? (() => { throw new Error('serialise me once') })() : 'ok') } }
    const err = await settle(fx.emu.functions.invoke('echo', sly, { openid: 'sly' }), `send throw #${i}`)
    expect(err).toMatchObject({ code: 'FUNCTION_INVALID_EVENT', message: expect.stringContaining('serialise me once') })
  }
  await stillAnswers('echo')
})

test('crashes, timeouts and thrown errors, many times over: every slot comes back', async () => {
  const failures: Promise<unknown>[] = []
  for (let i = 0; i < 3 * MAX; i++) {
    failures.push(settle(fx.emu.functions.invoke('crash', { exit: true }, { openid: 'c' }), 'crash'))
    failures.push(settle(fx.emu.functions.invoke('crash', { why: 'thrown' }, { openid: 'c' }), 'throw'))
  }
  const codes = (await Promise.all(failures)).map((e) => (e as FunctionInvocationError).code).sort()
  expect(new Set(codes)).toEqual(new Set(['FUNCTION_CRASHED', 'FUNCTION_ERROR']))
  expect(codes).toHaveLength(6 * MAX)
  // `crash` has no other mode: its pool must be idle and within bounds
  const stats = fx.emu.functions.stats('crash')!
  expect(stats).toMatchObject({ busy: 0, queued: 0 })

  const timeouts = await Promise.all(Array.from({ length: MAX + 1 }, () => settle(fx.emu.functions.invoke('slow', { ms: 3000 }, { openid: 't' }), 'timeout')))
  expect(timeouts.map((e) => (e as FunctionInvocationError).code)).toEqual(Array(MAX + 1).fill('FUNCTION_TIMEOUT'))
  expect(await stillAnswers('slow', { ms: 1 })).toMatchObject({ slept: 1 })
})
