import { BEFORE_NOTICE_ACTIONS } from '@domain/privacy'
import { earlyReadsScript, NOTICE_QUESTION } from '../../config/route-preload'
import { earlyKey, ENTRY_PAGE, FIRST_READS, firstReads } from '../first-reads'
import { nearbyInput, NO_FILTERS } from '../pages/map/logic'
import { MALL_HOME, PLACE_DETAIL } from '../routes'

describe('first reads of the entry pages', () => {
  it("ask exactly what their pages ask, so that the page's call takes the answer", () => {
    expect(firstReads('', {})).toEqual([{ fn: 'places', action: 'nearby', input: nearbyInput(null, NO_FILTERS) }])
    expect(firstReads(`/${ENTRY_PAGE}`, {})).toEqual(firstReads('', {}))
    expect(firstReads(PLACE_DETAIL, { id: 'p-1' })).toEqual([{ fn: 'places', action: 'detail', input: { id: 'p-1' } }])
    // a shared link without its id asks nothing
    expect(firstReads(PLACE_DETAIL, {})).toEqual([])
    expect(firstReads(MALL_HOME, {}).map((r) => `${r.fn}.${r.action}`)).toEqual(['mall.items', 'points.balance'])
  })

  it('the reads marked to leave before the privacy notice (index.html starts them at once) are exactly the public ones', () => {
    for (const list of Object.values(FIRST_READS)) {
      for (const r of list) expect({ read: `${r.fn}.${r.action}`, beforeNotice: !!r.beforeNotice }).toEqual({ read: `${r.fn}.${r.action}`, beforeNotice: (BEFORE_NOTICE_ACTIONS as readonly string[]).includes(`${r.fn}.${r.action}`) })
    }
  })
})

describe("index.html's early reads (config/route-preload.ts)", () => {
  type Early = Record<string, { requestId: string; answer: Promise<unknown> }>
  /** the inline script run on `hash`, its fetch recording each request; `answer` decides each reply */
  const run = (hash: string, answer: (action: string) => Promise<unknown> = (action) => Promise.resolve({ ok: true, data: { action } })) => {
    const sent: { url: string; body: { action: string; input: unknown; requestId: string; ifConsented?: true } }[] = []
    const w = window as unknown as { __xgEarly?: Early; fetch: unknown }
    w.fetch = (url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as { action: string; input: unknown; requestId: string; ifConsented?: true }
      sent.push({ url, body })
      return answer(body.action).then((json) => ({ json: () => Promise.resolve(json) }))
    }
    window.location.hash = hash
    const script = /^<script>([\s\S]*)<\/script>$/.exec(earlyReadsScript(FIRST_READS, 'https://api.example.com/', ENTRY_PAGE))![1]
    new Function(script)()
    return { sent, early: w.__xgEarly ?? {}, asked: () => sent.map((r) => `${r.url.split('/fn/')[1]}.${r.body.action}`) }
  }
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
  }
  /** a reply the test lets go when it wants */
  const held = () => {
    let release!: (v: unknown) => void
    let fail!: (e: unknown) => void
    const reply = new Promise<unknown>((resolve, reject) => ((release = resolve), (fail = reject)))
    return { reply, release, fail }
  }
  const consentStatus = (needsConsent: boolean) => ({ ok: true, data: { notice: { version: 'v' }, current: null, needsConsent } })

  it('starts the public read of the opened page under the key call asks by, with its request id', async () => {
    const { sent, early } = run(`#${PLACE_DETAIL}?id=p-wl-001&from=share`)
    expect(sent).toEqual([{ url: 'https://api.example.com/fn/places', body: { action: 'detail', input: { id: 'p-wl-001' }, requestId: expect.stringMatching(/^r-[0-9a-z]+-[0-9a-z]{7}$/) } }])
    const kept = early[earlyKey('places', 'detail', { id: 'p-wl-001' })]
    expect(kept.requestId).toBe(sent[0].body.requestId)
    await expect(kept.answer).resolves.toEqual({ ok: true, data: { action: 'detail' } })
    // the entry page without a hash: the map's list, and no question about the notice
    expect(Object.keys(run('').early)).toEqual([earlyKey('places', 'nearby', nearbyInput(null, NO_FILTERS))])
    expect(run('').asked()).toEqual(['places.nearby'])
    // a detail without its id asks nothing
    expect(run(`#${PLACE_DETAIL}`).sent).toEqual([])
  })

  it('the notice question asked first needs no consent itself, and is kept under the key the gate asks by', () => {
    expect(BEFORE_NOTICE_ACTIONS as readonly string[]).toContain(`${NOTICE_QUESTION.fn}.${NOTICE_QUESTION.action}`)
    expect(Object.keys(run('#/pages/points/index', () => new Promise(() => undefined)).early)[0]).toBe(earlyKey('user', 'consentStatus', {}))
  })

  it.each([
    ['/pages/points/index', ['points.balance', 'points.history']],
    ['/pages/suggestions/index', ['suggestions.mine']],
    [MALL_HOME, ['mall.items', 'points.balance']],
  ])('%s: its personal reads leave beside the notice question, marked for the server to refuse unless accepted', async (route, personal) => {
    const consent = held()
    const { sent, early, asked } = run(`#${route}`, (action) => (action === 'consentStatus' ? consent.reply : Promise.resolve({ ok: true, data: { action } })))
    await flush()
    // one round trip: the question first, the reads with it, before its answer
    expect(asked()).toEqual(['user.consentStatus', ...personal])
    expect(sent[0].body).not.toHaveProperty('ifConsented')
    for (const s of sent.slice(1)) expect(s.body.ifConsented).toBe(true)
    for (const r of firstReads(route, {})) {
      const kept = early[earlyKey(r.fn, r.action, r.input)]
      expect(kept.requestId).toBe(sent.find((s) => s.body.action === r.action)!.body.requestId)
      await expect(kept.answer).resolves.toEqual({ ok: true, data: { action: r.action } })
    }
    // the question is kept for the gate, whatever its answer
    consent.release(consentStatus(true))
    await expect(early[earlyKey('user', 'consentStatus', {})].answer).resolves.toEqual(consentStatus(true))
  })

  it('a public page sends nothing marked, and no question', () => {
    const { sent } = run(`#${PLACE_DETAIL}?id=p-wl-001`)
    expect(sent.map((s) => Object.keys(s.body).sort())).toEqual([['action', 'input', 'requestId']])
  })
})
