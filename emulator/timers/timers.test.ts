/**
 * Timer triggers: the 云开发 cron dialect, config.json checks, and the clock (advance / set / fire),
 * on a throw-away functions root. The product's own timers firing for real: timers.integration.test.ts.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator, type RunningEmulator } from '../index'
import { inspectorAuth } from '../testing/harness'
import { createStubDatabase } from '../testing/stub-database'
import { parseTimerCron, readFunctionTriggers, timerEventTime, type TimerEvent } from './index'
import { parseDuration } from './http'

jest.setTimeout(60_000)

const GUIDE = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html'
const runs = (expr: string, from: string, n: number) => {
  const s = parseTimerCron(expr)
  const out: string[] = []
  let at = new Date(from)
  for (let i = 0; i < n; i++) {
    const next = s.next(at)
    if (!next) break
    out.push(next.toISOString())
    at = next
  }
  return out
}

describe(`cron as the 定时触发器 guide documents it (${GUIDE})`, () => {
  it('reads the seven fields in Asia/Shanghai: 0 0 2 1 * * * is 02:00 Beijing time on the 1st', () => {
    expect(runs('0 0 2 1 * * *', '2031-01-01T00:00:00+08:00', 2)).toEqual(['2030-12-31T18:00:00.000Z', '2031-01-31T18:00:00.000Z'])
  })

  it('runs the examples of the guide', () => {
    expect(runs('*/5 * * * * * *', '2031-01-01T00:00:00+08:00', 3)).toEqual(['2030-12-31T16:00:05.000Z', '2030-12-31T16:00:10.000Z', '2030-12-31T16:00:15.000Z'])
    // 2031-01-03 is a Friday, 01-06 a Monday
    expect(runs('0 15 10 * * MON-FRI *', '2031-01-03T11:00:00+08:00', 2)).toEqual(['2031-01-06T02:15:00.000Z', '2031-01-07T02:15:00.000Z'])
    expect(runs('0 0 10,14,16 * * * *', '2031-01-01T11:00:00+08:00', 3)).toEqual(['2031-01-01T06:00:00.000Z', '2031-01-01T08:00:00.000Z', '2031-01-02T02:00:00.000Z'])
    expect(runs('0 */30 9-17 * * * *', '2031-01-01T17:00:00+08:00', 3)).toEqual(['2031-01-01T09:30:00.000Z', '2031-01-02T01:00:00.000Z', '2031-01-02T01:30:00.000Z'])
    expect(runs('0 0 12 * * WED *', '2031-01-01T13:00:00+08:00', 1)).toEqual(['2031-01-08T04:00:00.000Z'])
  })

  it('numbers weekdays 0-6 from Sunday and takes a start/step such as 1/10', () => {
    // 2031-01-05 is a Sunday
    expect(runs('0 0 8 * * 0 *', '2031-01-01T00:00:00+08:00', 1)).toEqual(['2031-01-05T00:00:00.000Z'])
    expect(runs('0 0 8 * * SUN *', '2031-01-01T00:00:00+08:00', 1)).toEqual(['2031-01-05T00:00:00.000Z'])
    expect(runs('0 1/10 0 * * * *', '2031-01-01T00:00:00+08:00', 3)).toEqual(['2030-12-31T16:01:00.000Z', '2030-12-31T16:11:00.000Z', '2030-12-31T16:21:00.000Z'])
  })

  it('fires when 日 or 星期 matches, if both are given (两者为"或"关系)', () => {
    // the 15th (a Wednesday in Jan 2031) and every Monday
    expect(runs('0 0 9 15 * MON *', '2031-01-10T00:00:00+08:00', 3)).toEqual(['2031-01-13T01:00:00.000Z', '2031-01-15T01:00:00.000Z', '2031-01-20T01:00:00.000Z'])
  })

  it('honours the year field and ends after it', () => {
    expect(runs('0 0 3 1 1 * 2099', '2031-01-01T00:00:00+08:00', 2)).toEqual(['2098-12-31T19:00:00.000Z'])
  })

  it.each([
    ['0 0 2 * * *', /exactly 7/],
    ['0 0 2 * * * * *', /exactly 7/],
    ['0 0 2 ? * MON *', /\? L W #/],
    ['0 0 2 L * * *', /\? L W #/],
    ['0 0 2 * * 5#2 *', /\? L W #/],
    ['0 0 2 * * 7 *', /星期.*7 is out of range 0-6/],
    ['0 0 2 * * * 2100', /年.*2100 is out of range 1970-2099/],
    ['60 0 2 * * * *', /秒.*60 is out of range/],
    ['0 0 24 * * * *', /小时.*24/],
    ['0 0 2 0 * * *', /日.*0 is out of range 1-31/],
    ['0 0 2 * 13 * *', /月.*13/],
    ['0 0 17-9 * * * *', /runs backwards/],
    ['0 */0 * * * * *', /step/],
    ['0 0 2 * FOO * *', /not a value/],
  ])('refuses %s', (expr, why) => {
    expect(() => parseTimerCron(expr)).toThrow(why)
  })

  it('gives the event Time in UTC to the second, as the SCF timer event does (2019-02-21T11:49:00Z)', () => {
    expect(timerEventTime(new Date('2031-01-01T00:10:00.456+08:00'))).toBe('2030-12-31T16:10:00Z')
  })
})

describe('config.json triggers', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'xg-timers-cfg-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))
  const config = (name: string, triggers: unknown) => {
    mkdirSync(path.join(root, name), { recursive: true })
    writeFileSync(path.join(root, name, 'config.json'), JSON.stringify({ triggers }))
  }

  it('takes one valid trigger without a problem', () => {
    config('a', [{ name: 'daily', type: 'timer', config: '0 0 2 * * * *' }])
    const r = readFunctionTriggers(root, 'a')
    expect(r.problems).toEqual([])
    expect(r.triggers).toHaveLength(1)
    expect(r.triggers[0]).toMatchObject({ name: 'daily', problems: [] })
    expect(r.triggers[0].schedule).toBeDefined()
  })

  it('warns about more than one trigger (WeChat supports one) but keeps each', () => {
    config('a', [
      { name: 'one', type: 'timer', config: '0 0 2 * * * *' },
      { name: 'two', type: 'timer', config: '0 0 3 * * * *' },
    ])
    const r = readFunctionTriggers(root, 'a')
    expect(r.problems.join()).toMatch(/one per function/)
    expect(r.triggers.map((t) => !!t.schedule)).toEqual([true, true])
  })

  it('refuses bad names, duplicate names, other types and bad cron', () => {
    config('a', [
      { name: '1st', type: 'timer', config: '0 0 2 * * * *' },
      { name: 'ok', type: 'timer', config: '0 0 2 * * * *' },
      { name: 'ok', type: 'timer', config: '0 0 3 * * * *' },
      { name: 'cos', type: 'cos', config: '0 0 2 * * * *' },
      { name: 'bad', type: 'timer', config: '0 0 2 * * *' },
      { name: `x${'y'.repeat(60)}`, type: 'timer', config: '0 0 2 * * * *' },
    ])
    const r = readFunctionTriggers(root, 'a')
    expect(r.triggers.map((t) => [t.name.slice(0, 4), !!t.schedule])).toEqual([
      ['1st', false],
      ['ok', true],
      ['ok', false],
      ['cos', false],
      ['bad', false],
      ['xyyy', false],
    ])
    expect(r.triggers[2].problems.join()).toMatch(/same name/)
    expect(r.triggers[3].problems.join()).toMatch(/only "timer"/)
    expect(r.triggers[4].problems.join()).toMatch(/exactly 7/)
  })

  it('has nothing to say about a function without triggers or config.json', () => {
    config('a', undefined)
    expect(readFunctionTriggers(root, 'a')).toMatchObject({ triggers: [], problems: [] })
    expect(readFunctionTriggers(root, 'none')).toMatchObject({ triggers: [], problems: [] })
  })
})

test('durations of the HTTP API', () => {
  expect(parseDuration('90s')).toBe(90_000)
  expect(parseDuration('1d12h')).toBe(36 * 3_600_000)
  expect(parseDuration(250)).toBe(250)
  expect(parseDuration('soon')).toBeNaN()
})

/** A functions root with one function that answers what it received, and a trigger. */
function functionsRoot(triggers: Record<string, unknown[]>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'xg-timers-fn-'))
  for (const [name, list] of Object.entries(triggers)) {
    mkdirSync(path.join(root, name))
    writeFileSync(
      path.join(root, name, 'index.js'),
      `exports.main = async (event) => ({ event, openid: process.env.WX_OPENID, appid: process.env.WX_APPID, source: process.env.TCB_SOURCE })`,
    )
    writeFileSync(path.join(root, name, 'config.json'), JSON.stringify({ timeout: 5, triggers: list }))
  }
  return root
}

describe('the timer clock of a running emulator', () => {
  let root: string
  let dataDir: string
  let emu: RunningEmulator
  const start = async (opts: { timers?: 'real' | 'manual'; timersStartAt?: number } = {}) => {
    emu = await startEmulator({ port: 0, dataDir, functionsRoot: root, quiet: true, database: createStubDatabase(), ...opts })
  }
  beforeEach(() => {
    root = functionsRoot({
      alpha: [{ name: 'nightly', type: 'timer', config: '0 10 0 * * * *' }],
      beta: [{ name: 'evening', type: 'timer', config: '0 0 18 * * * *' }],
    })
    dataDir = mkdtempSync(path.join(tmpdir(), 'xg-timers-data-'))
  })
  afterEach(async () => {
    await emu?.stop()
    rmSync(root, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('advance fires every trigger due on the way, in order, each with its own Time, with no caller', async () => {
    await start({ timersStartAt: Date.parse('2031-01-01T12:00:00+08:00') })
    const fired = await emu.timers.advance(2 * 86_400_000)
    expect(fired.map((f) => `${f.functionName}/${f.triggerName}@${f.time}`)).toEqual([
      'beta/evening@2031-01-01T10:00:00Z',
      'alpha/nightly@2031-01-01T16:10:00Z',
      'beta/evening@2031-01-02T10:00:00Z',
      'alpha/nightly@2031-01-02T16:10:00Z',
    ])
    expect(fired.every((f) => f.status === 'ok')).toBe(true)
    const event: TimerEvent = { Type: 'Timer', TriggerName: 'evening', Time: '2031-01-01T10:00:00Z', Message: '' }
    expect(fired[0].result).toEqual({ event, openid: '', appid: '', source: 'wx_trigger' })
    expect(emu.timers.now().toISOString()).toBe('2031-01-03T04:00:00.000Z')
    // in the function logs like any invocation
    const rec = emu.functions.getInvocation(fired[0].invocationId!)
    expect(rec).toMatchObject({ functionName: 'beta', source: 'wx_trigger', openid: '', action: 'timer:evening', status: 'ok' })
  })

  it('set jumps without firing; the schedule goes on from there; fire runs one now', async () => {
    await start({ timersStartAt: Date.parse('2031-01-01T12:00:00+08:00') })
    await emu.timers.set('2031-06-01T00:09:59+08:00')
    expect(emu.timers.firings()).toEqual([])
    expect(emu.timers.list().find((t) => t.functionName === 'alpha')?.next).toBe('2031-05-31T16:10:00.000Z')
    expect((await emu.timers.advance(1000)).map((f) => f.time)).toEqual(['2031-05-31T16:10:00Z'])
    const now = await emu.timers.fire('beta', 'evening')
    expect(now).toMatchObject({ cause: 'manual', time: '2031-05-31T16:10:00Z', status: 'ok' })
    await expect(emu.timers.fire('beta', 'nope')).rejects.toThrow(/no timer trigger nope/)
  })

  it('serves the same through /__/api/timers', async () => {
    await start({ timersStartAt: Date.parse('2031-01-01T17:59:00+08:00') })
    const api = (p: string, body?: unknown) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the inspector API's JSON answers, read field by field
      fetch(`${emu.url}/__/api/timers${p}`, body === undefined ? { headers: inspectorAuth(emu) } : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...inspectorAuth(emu) } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }))
    const listed = await api('')
    expect(listed.body).toMatchObject({ ok: true, clock: 'manual', timeZone: 'Asia/Shanghai', now: '2031-01-01T09:59:00.000Z' })
    expect(listed.body.triggers).toEqual([
      { functionName: 'alpha', name: 'nightly', config: '0 10 0 * * * *', next: '2031-01-01T16:10:00.000Z', problems: [], configProblems: [] },
      { functionName: 'beta', name: 'evening', config: '0 0 18 * * * *', next: '2031-01-01T10:00:00.000Z', problems: [], configProblems: [] },
    ])
    const adv = await api('/advance', { by: '2m' })
    expect(adv.body.fired.map((f: { triggerName: string }) => f.triggerName)).toEqual(['evening'])
    expect((await api('/clock', { time: '2031-02-01T00:00:00+08:00' })).body).toEqual({ ok: true, now: '2031-01-31T16:00:00.000Z' })
    expect((await api('/alpha/nightly/fire', {})).body.firing).toMatchObject({ functionName: 'alpha', time: '2031-01-31T16:00:00Z' })
    expect((await api('/alpha/nope/fire', {})).status).toBe(404)
    expect((await api('/advance', { by: 'soon' })).status).toBe(400)
    expect((await api('')).body.firings.map((f: { triggerName: string }) => f.triggerName)).toEqual(['nightly', 'evening'])
  })

  it('in real time, fires on its own when the schedule comes', async () => {
    // two seconds before 18:00:00 Beijing time on the machine's clock
    await start({ timers: 'real', timersStartAt: Date.parse('2031-01-01T17:59:58+08:00') })
    const deadline = Date.now() + 20_000
    while (!emu.timers.firings().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(emu.timers.firings()).toEqual([expect.objectContaining({ functionName: 'beta', triggerName: 'evening', time: '2031-01-01T10:00:00Z', cause: 'schedule', status: 'ok' })])
  })

  it('lists refused triggers with the rule they break and never fires them', async () => {
    rmSync(root, { recursive: true, force: true })
    root = functionsRoot({ gamma: [{ name: 'weekly', type: 'timer', config: '0 0 2 ? * MON *' }] })
    await start({ timersStartAt: Date.parse('2031-01-01T00:00:00+08:00') })
    expect(emu.timers.list()).toEqual([expect.objectContaining({ name: 'weekly', next: null, problems: [expect.stringMatching(/\? L W #/)] })])
    expect(await emu.timers.advance(30 * 86_400_000)).toEqual([])
    await expect(emu.timers.fire('gamma', 'weekly')).rejects.toThrow(/refused/)
  })
})
