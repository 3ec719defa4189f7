import { FunctionInvocationError } from '../functions'
import { startFixtureEmulator, TEST_PERSONAS, type FixtureEmulator } from '../testing/harness'

// The fixture `twosteps` sends three database requests: add step 1 (write 1), get it, add step 2
// (write 2). Killing it between the steps must leave exactly the first write.
jest.setTimeout(60_000)

let fx: FixtureEmulator
beforeAll(async () => {
  fx = await startFixtureEmulator()
  await fx.emu.database.importSnapshot({ collections: { steps: [] } })
})
afterAll(async () => {
  await fx.stop()
})
afterEach(() => fx.emu.faults.clear())

let runs = 0
const stepsOf = (run: string) =>
  fx.emu.database
    .listDocuments('steps', { limit: 1000 })
    .map((d) => d as { run: string; step: string })
    .filter((d) => d.run === run)
    .map((d) => d.step)
    .sort()
const invoke = (run: string, action?: string) => fx.emu.functions.invoke('twosteps', { run, action }, { openid: 'o-fault' })

async function crashed(p: Promise<unknown>): Promise<FunctionInvocationError> {
  const err = await p.then(
    () => new Error('the invocation answered; it should have been killed'),
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(FunctionInvocationError)
  expect(err).toMatchObject({ code: 'FUNCTION_CRASHED' })
  return err as FunctionInvocationError
}

test('killed right before database request 3 (the second write): exactly the first write is there', async () => {
  const run = `r${++runs}`
  const kill = fx.emu.faults.killAt({ function: 'twosteps', op: 3 })
  const err = await crashed(invoke(run))
  expect(stepsOf(run)).toEqual(['first'])
  expect(await kill.fired).toMatchObject({ functionName: 'twosteps', op: 3, on: 'any', when: 'before', databaseAction: 'database.insertDocument', invocationId: err.invocation!.id })
  expect(err.invocation!.status).toBe('crashed')
  expect(err.invocation!.logs.map((l) => l.text)).toContain('[emulator] fault injection: SIGKILL before database request 3 (database.insertDocument steps)')
  // the rule fired once and disarmed: the function answers again, with both writes
  const again = `r${++runs}`
  await expect(invoke(again)).resolves.toMatchObject({ result: { done: again } })
  expect(stepsOf(again)).toEqual(['first', 'second'])
})

test('op 2 counts every request (the read); `on: write` counts only writes', async () => {
  const a = `r${++runs}`
  fx.emu.faults.killAt({ function: 'twosteps', op: 2 }) // before the read
  await crashed(invoke(a))
  expect(stepsOf(a)).toEqual(['first'])

  const b = `r${++runs}`
  const kill = fx.emu.faults.killAt({ function: 'twosteps', on: 'write', op: 2 })
  await crashed(invoke(b))
  expect(stepsOf(b)).toEqual(['first'])
  expect((await kill.fired).databaseAction).toBe('database.insertDocument')
})

test('`when: after`: the write is applied, the answer never comes back', async () => {
  const run = `r${++runs}`
  fx.emu.faults.killAt({ function: 'twosteps', on: 'write', op: 2, when: 'after' })
  await crashed(invoke(run))
  expect(stepsOf(run)).toEqual(['first', 'second'])
  const first = `r${++runs}`
  fx.emu.faults.killAt({ function: 'twosteps', on: 'write', op: 1, when: 'after' })
  await crashed(invoke(first))
  expect(stepsOf(first)).toEqual(['first'])
})

test('rules match on the event action; `times` kills that many invocations; cancel disarms', async () => {
  const kill = fx.emu.faults.killAt({ function: 'twosteps', action: 'checkIn', on: 'write', op: 2, times: 2 })
  const other = `r${++runs}`
  await expect(invoke(other, 'somethingElse')).resolves.toMatchObject({ result: { done: other } })
  expect(kill.kills).toHaveLength(0)
  await crashed(invoke(`r${++runs}`, 'checkIn'))
  await crashed(invoke(`r${++runs}`, 'checkIn'))
  expect(kill.kills).toHaveLength(2)
  expect(fx.emu.faults.armed()).toEqual([])

  const cancelled = fx.emu.faults.killAt({ function: 'twosteps', op: 1 })
  cancelled.cancel()
  await expect(invoke(`r${++runs}`)).resolves.toBeDefined()
  expect(() => fx.emu.faults.killAt({ function: 'twosteps', op: 0 })).toThrow(/positive integer/)

  // counting only one collection's requests: none on `other`, so nothing fires
  const elsewhere = fx.emu.faults.killAt({ function: 'twosteps', collection: 'other', op: 1 })
  await expect(invoke(`r${++runs}`)).resolves.toBeDefined()
  expect(elsewhere.kills).toHaveLength(0)
  const second = `r${++runs}`
  const onSteps = fx.emu.faults.killAt({ function: 'twosteps', collection: 'steps', on: 'write', op: 2 })
  await crashed(invoke(second))
  expect((await onSteps.fired).collection).toBe('steps')
  expect(stepsOf(second)).toEqual(['first'])
})

test('through the gateway the app sees its usual 500 INTERNAL answer', async () => {
  const signin = await fetch(`${fx.emu.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: TEST_PERSONAS[0].openid }) })
  const cookie = signin.headers.get('set-cookie')!.split(';')[0]
  const run = `r${++runs}`
  fx.emu.faults.killAt({ function: 'twosteps', on: 'write', op: 2 })
  const res = await fetch(`${fx.emu.url}/fn/twosteps`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ run }) })
  expect(res.status).toBe(500)
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  expect(stepsOf(run)).toEqual(['first'])
})
