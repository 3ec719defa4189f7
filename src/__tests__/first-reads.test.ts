import { BEFORE_NOTICE_ACTIONS } from '@domain/privacy'
import { earlyReadsScript } from '../../config/route-preload'
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

  it('only the public reads allowed before the privacy notice are marked to start from index.html', () => {
    for (const list of Object.values(FIRST_READS)) {
      for (const r of list) expect({ read: `${r.fn}.${r.action}`, beforeNotice: !!r.beforeNotice }).toEqual({ read: `${r.fn}.${r.action}`, beforeNotice: (BEFORE_NOTICE_ACTIONS as readonly string[]).includes(`${r.fn}.${r.action}`) })
    }
  })
})

describe("index.html's early reads (config/route-preload.ts)", () => {
  const run = (hash: string) => {
    const sent: { url: string; body: { action: string; input: unknown; requestId: string } }[] = []
    const w = window as unknown as { __xgEarly?: Record<string, { requestId: string; answer: Promise<unknown> }>; fetch: unknown }
    w.fetch = (url: string, init: { body: string }) => {
      sent.push({ url, body: JSON.parse(init.body) })
      return Promise.resolve({ json: () => Promise.resolve({ ok: true, data: { url } }) })
    }
    window.location.hash = hash
    const script = /^<script>([\s\S]*)<\/script>$/.exec(earlyReadsScript(FIRST_READS, 'https://api.example.com/', ENTRY_PAGE))![1]
    new Function(script)()
    return { sent, early: w.__xgEarly ?? {} }
  }

  it('starts the public read of the opened page under the key call asks by, with its request id', async () => {
    const { sent, early } = run(`#${PLACE_DETAIL}?id=p-wl-001&from=share`)
    expect(sent).toEqual([{ url: 'https://api.example.com/fn/places', body: { action: 'detail', input: { id: 'p-wl-001' }, requestId: expect.stringMatching(/^r-[0-9a-z]+-[0-9a-z]{7}$/) } }])
    const kept = early[earlyKey('places', 'detail', { id: 'p-wl-001' })]
    expect(kept.requestId).toBe(sent[0].body.requestId)
    await expect(kept.answer).resolves.toEqual({ ok: true, data: { url: 'https://api.example.com/fn/places' } })
    // the entry page without a hash: the map's list
    expect(Object.keys(run('').early)).toEqual([earlyKey('places', 'nearby', nearbyInput(null, NO_FILTERS))])
  })

  it('starts nothing that needs the privacy notice accepted, nor a detail without its id', () => {
    expect(run('#/pages/points/index').sent).toEqual([])
    expect(run('#/pages/suggestions/index').sent).toEqual([])
    expect(run(`#${PLACE_DETAIL}`).sent).toEqual([])
  })
})
