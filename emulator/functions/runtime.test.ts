import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InvocationRegistry } from '../core/invocations'
import { FIXTURES, startFixtureEmulator, type FixtureEmulator } from '../testing/harness'
import { FunctionInvocationError, FunctionsRuntime } from './index'

jest.setTimeout(60_000)

type WhoAmI = { before: { OPENID: string; APPID: string; SOURCE: string; ENV: string }; after: { OPENID: string; SOURCE: string }; event: Record<string, unknown>; pid: number }

let fx: FixtureEmulator
beforeAll(async () => {
  fx = await startFixtureEmulator({ maxInstancesPerFunction: 6 })
})
afterAll(async () => {
  await fx.stop()
})

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

test('getWXContext sees the caller identity and the runtime environment', async () => {
  const { result, invocation } = await fx.emu.functions.invoke('whoami', { tag: 'hello' }, { openid: 'o-alice', unionid: 'u-alice', clientIp: '10.0.0.8' })
  const r = result as WhoAmI & { before: { UNIONID: string; CLIENTIP: string } }
  expect(r.before).toMatchObject({ OPENID: 'o-alice', APPID: 'wx-local-dev', UNIONID: 'u-alice', CLIENTIP: '10.0.0.8', ENV: 'local-dev', SOURCE: 'wx_client' })
  expect(invocation).toMatchObject({ functionName: 'whoami', openid: 'o-alice', status: 'ok' })
  expect(invocation.durationMs).toBeGreaterThanOrEqual(0)
})

test('identity stays isolated under 50 concurrent invocations with distinct openids', async () => {
  const calls = Array.from({ length: 50 }, (_, i) => fx.emu.functions.invoke('whoami', { tag: `c${i}`, sleepMs: 10 + (i % 7) * 5 }, { openid: `o-${i}` }))
  const results = await Promise.all(calls)
  results.forEach(({ result, invocation }, i) => {
    const r = result as WhoAmI
    expect(r.before.OPENID).toBe(`o-${i}`)
    expect(r.after.OPENID).toBe(`o-${i}`) // still the same after an await inside the function
    expect(r.event.tag).toBe(`c${i}`)
    expect(invocation.openid).toBe(`o-${i}`)
  })
  const stats = fx.emu.functions.stats('whoami')!
  expect(stats.spawned).toBeGreaterThan(1) // the pool grew on demand…
  expect(stats.alive).toBeLessThanOrEqual(6) // …up to the limit; the rest queued
})

test('warm pool: a second sequential call reuses the instance without spawning', async () => {
  await fx.emu.functions.invoke('whoami', {}, { openid: 'warm-1' })
  const before = fx.emu.functions.stats('whoami')!.spawned
  const a = await fx.emu.functions.invoke('whoami', {}, { openid: 'warm-2' })
  const b = await fx.emu.functions.invoke('whoami', {}, { openid: 'warm-3' })
  expect(fx.emu.functions.stats('whoami')!.spawned).toBe(before)
  expect(a.invocation.coldStart).toBe(false)
  expect((b.result as WhoAmI).pid).toBe((a.result as WhoAmI).pid)
})

test("cloud.callFunction runs the callee with the caller's identity", async () => {
  const { result, invocation } = await fx.emu.functions.invoke('caller', { target: 'whoami' }, { openid: 'o-bob', appid: 'wx-other' })
  const r = result as { me: { OPENID: string }; callee: WhoAmI }
  expect(r.me.OPENID).toBe('o-bob')
  expect(r.callee.before).toMatchObject({ OPENID: 'o-bob', APPID: 'wx-other', SOURCE: 'wx_client,scf' })
  expect(r.callee.event).toEqual({ tag: 'nested', sleepMs: 0 })
  const child = fx.emu.functions.recentInvocations({ functionName: 'whoami', limit: 5 }).find((x) => x.parentId === invocation.id)
  expect(child).toMatchObject({ openid: 'o-bob', status: 'ok' })
})

test('callFunction to a missing function fails inside the caller with a clear error', async () => {
  await expect(fx.emu.functions.invoke('caller', { target: 'nope' }, { openid: 'o-x' })).rejects.toMatchObject({
    code: 'FUNCTION_ERROR',
    message: expect.stringContaining('nope'),
  })
})

test('console output is kept per invocation, with duration and counters', async () => {
  const [a, b] = await Promise.all([
    fx.emu.functions.invoke('whoami', { tag: 'first', warn: 'w1' }, { openid: 'log-a' }),
    fx.emu.functions.invoke('whoami', { tag: 'second' }, { openid: 'log-b' }),
  ])
  expect(a.invocation.logs.map((l) => [l.level, l.text])).toEqual([['log', 'whoami first'], ['warn', 'careful w1']])
  expect(b.invocation.logs.map((l) => l.text)).toEqual(['whoami second'])
  const stored = fx.emu.functions.getInvocation(a.invocation.id)!
  expect(stored.counters).toEqual({ reads: 0, writes: 0, aggregates: 0, counts: 0 })
  expect(stored.durationMs).toEqual(expect.any(Number))
})

test('database calls are counted on the invocation (stub database)', async () => {
  const { result, invocation } = await fx.emu.functions.invoke('dbping', { note: 'hi' }, { openid: 'db-user' })
  expect(result).toMatchObject({ doc: { openid: 'db-user', note: 'hi' } })
  expect(invocation.counters).toMatchObject({ reads: 1, writes: 1 })
})

test('a timeout kills and replaces the instance; the next call works', async () => {
  const warm = await fx.emu.functions.invoke('slow', { ms: 1 }, { openid: 't' })
  const pid = (warm.result as { pid: number }).pid
  const t0 = Date.now()
  const err = await fx.emu.functions.invoke('slow', { ms: 5000 }, { openid: 't' }).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(FunctionInvocationError)
  expect(err).toMatchObject({ code: 'FUNCTION_TIMEOUT', message: 'Invoking task timed out after 1 seconds' })
  expect(Date.now() - t0).toBeLessThan(3000)
  const rec = (err as FunctionInvocationError).invocation!
  expect(rec.status).toBe('timeout')
  expect(rec.logs[0].text).toBe('going to sleep 5000')
  await new Promise((r) => setTimeout(r, 100))
  expect(alive(pid)).toBe(false)
  const next = await fx.emu.functions.invoke('slow', { ms: 1 }, { openid: 't' })
  expect((next.result as { pid: number }).pid).not.toBe(pid)
})

test('a throwing function gives FUNCTION_ERROR with its message and keeps the instance', async () => {
  const err = (await fx.emu.functions.invoke('crash', { why: 'test' }, { openid: 'c' }).catch((e: unknown) => e)) as FunctionInvocationError
  expect(err).toMatchObject({ code: 'FUNCTION_ERROR', message: 'boom: test' })
  expect(err.invocation!.logs.some((l) => l.text.includes('Error: boom: test'))).toBe(true)
  const exitErr = await fx.emu.functions.invoke('crash', { exit: true }, { openid: 'c' }).catch((e: unknown) => e)
  expect(exitErr).toMatchObject({ code: 'FUNCTION_CRASHED' })
})

test('unknown function → FUNCTION_NOT_FOUND', async () => {
  await expect(fx.emu.functions.invoke('does-not-exist', {}, { openid: 'x' })).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' })
  await expect(fx.emu.functions.invoke('../escape', {}, { openid: 'x' })).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' })
})

test('a rebuilt index.js is picked up by new instances', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'xg-fn-'))
  const runtime = new FunctionsRuntime({ functionsRoot: root, adminUrl: () => 'http://127.0.0.1:9/admin', envId: 'local-dev', invocations: new InvocationRegistry() })
  try {
    cpSync(path.join(FIXTURES, 'echo'), path.join(root, 'versioned'), { recursive: true })
    const file = path.join(root, 'versioned', 'index.js')
    writeFileSync(file, "exports.main = async () => ({ version: 1, pid: process.pid })\n")
    const v1 = (await runtime.invoke('versioned', {}, { openid: 'r' })).result as { version: number; pid: number }
    expect(v1.version).toBe(1)
    writeFileSync(file, "exports.main = async () => ({ version: 2, pid: process.pid, extra: 'longer file' })\n")
    const v2 = (await runtime.invoke('versioned', {}, { openid: 'r' })).result as { version: number; pid: number }
    expect(v2.version).toBe(2)
    expect(v2.pid).not.toBe(v1.pid)
    expect(runtime.stats('versioned')!.alive).toBe(1) // the old instance was retired
  } finally {
    await runtime.close()
    rmSync(root, { recursive: true, force: true })
  }
})

test('nodeBinary: function processes run on the Node binary given (the runtime chosen for deployment)', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'xg-node-bin-'))
  mkdirSync(path.join(root, 'version'))
  writeFileSync(path.join(root, 'version', 'index.js'), 'exports.main = async () => ({ version: process.version })\n')
  const runtime = (nodeBinary: string) => new FunctionsRuntime({ functionsRoot: root, adminUrl: () => 'http://127.0.0.1:9/admin', envId: 'local-dev', invocations: new InvocationRegistry(), nodeBinary })
  // a wrapper script standing in for another Node: the same binary, started through a different path
  const wrapper = path.join(root, 'other-node')
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 })
  const ok = runtime(wrapper)
  const missing = runtime(path.join(root, 'no-such-node'))
  try {
    const { result, invocation } = await ok.invoke('version', {}, { openid: 'r' })
    expect(result).toEqual({ version: process.version })
    expect(invocation).toMatchObject({ status: 'ok', nodeVersion: process.version })
    await expect(missing.invoke('version', {}, { openid: 'r' })).rejects.toMatchObject({ code: 'FUNCTION_CRASHED' })
  } finally {
    await Promise.all([ok.close(), missing.close()])
    rmSync(root, { recursive: true, force: true })
  }
})

test('with the real database service: SDK calls are answered and counted on the invocation', async () => {
  const real = await startFixtureEmulator({ database: undefined })
  try {
    const { result, invocation } = await real.emu.functions.invoke('dbping', { note: 'real' }, { openid: 'db-real' })
    expect(result).toMatchObject({ doc: { openid: 'db-real', note: 'real' } })
    expect(invocation.counters).toMatchObject({ reads: 1, writes: 1 })
    expect(real.emu.database.listCollections()).toContainEqual({ name: 'pings', count: 1 })
  } finally {
    await real.stop()
  }
})
