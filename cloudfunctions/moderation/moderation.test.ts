import type { ManagedItemView, MallItemDetail, MallItemView } from '../../domain/mall/model'
import { demoSnapshot } from '../../scripts/demo/data'
import { startTestCloud, type TestCloud } from '../../scripts/testing/emulator-fixture'
import { dataOf, docsOf, type Res } from '../../scripts/testing/points-fixture'

// Item photos: uploaded into the caller's folder, checked by mediaCheckAsync, shown to riders
// only once WeChat's verdict (a message-push event to `moderation`) says pass.
let cloud: TestCloud
const call = <T>(fn: string, action: string, input: unknown, openid: string) => cloud.call(fn, { action, input }, openid) as Promise<Res<T>>
const code = (r: Res<unknown>) => (r.ok ? 'OK' : r.error.code)
const MERCHANT = 'demo-merchant-liu'
const WORKER = 'demo-worker-chen'

const upload = (owner: string, name: string) => cloud.emulator.storage.put(`mall-items/${owner}/${name}`, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), { uploader: owner, contentType: 'image/jpeg' }).fileID
const newItem = (photos: string[]) => ({ title: '卤蛋一个', description: '到店出示券码领取', photos, price: 8, stock: 20, limit: { period: 'day', count: 1 }, validDays: 3 })
const checksOf = (item: ManagedItemView) => item.photos.map((p) => p.check)
const mine = async (id: string) => dataOf(await call<ManagedItemView[]>('merchant', 'myItems', {}, MERCHANT)).find((i) => i.id === id)!

beforeAll(async () => {
  // manual: the tests decide when and what WeChat answers
  cloud = await startTestCloud({ mediaChecks: 'manual' })
  await cloud.emulator.database.importSnapshot(demoSnapshot())
}, 120_000)
afterAll(() => cloud?.stop())

const traceOf = (fileID: string) => docsOf(cloud, 'mediaChecks').find((c) => c.fileID === fileID)!._id as string

describe('item photos and mediaCheckAsync', () => {
  let item: ManagedItemView
  let good: string
  let bad: string

  it('new photos are pending and invisible to riders; each has a check under way', async () => {
    good = upload(MERCHANT, 'egg.jpg')
    bad = upload(MERCHANT, 'other.jpg')
    item = dataOf(await call<ManagedItemView>('merchant', 'createItem', newItem([good, bad]), MERCHANT))
    expect(checksOf(item)).toEqual(['pending', 'pending'])
    expect(item.photos.every((p) => p.url.includes('/__/storage/object/'))).toBe(true)
    expect(item.coverUrl).toBeNull()
    const requested = cloud.emulator.openapi.mediaChecks.list().filter((c) => c.openid === MERCHANT)
    expect(requested).toHaveLength(2)
    expect(requested.every((c) => c.mediaType === 2 && c.version === 2)).toBe(true)
    expect(docsOf(cloud, 'mediaChecks').filter((c) => c.status === 'pending')).toHaveLength(2)
    const listed = dataOf(await call<MallItemView[]>('mall', 'items', {}, 'anyone')).find((i) => i.id === item.id)!
    expect(listed.coverUrl).toBeNull()
    expect(dataOf(await call<MallItemDetail>('mall', 'detail', { id: item.id }, 'anyone')).photoUrls).toEqual([])
  })

  it('a pass shows the photo to riders (a URL that really serves it); a risky verdict never does', async () => {
    expect((await cloud.emulator.mediaPush.resolve(traceOf(good), 'pass')).result).toEqual({ outcome: 'applied' })
    expect((await cloud.emulator.mediaPush.resolve(traceOf(bad), 'risky')).result).toEqual({ outcome: 'applied' })
    expect(checksOf(await mine(item.id))).toEqual(['pass', 'rejected'])
    const detail = dataOf(await call<MallItemDetail>('mall', 'detail', { id: item.id }, 'anyone'))
    expect(detail.photoUrls).toHaveLength(1)
    expect(detail.coverUrl).toBe(detail.photoUrls[0])
    const res = await fetch(detail.photoUrls[0])
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))
    const listed = dataOf(await call<MallItemView[]>('mall', 'items', {}, 'anyone')).find((i) => i.id === item.id)!
    expect(listed.coverUrl).toEqual(expect.stringContaining('/__/storage/object/'))
  })

  it('a repeated push changes nothing; a forged event from a client names no known check', async () => {
    expect((await cloud.emulator.mediaPush.resolve(traceOf(good), 'risky')).result).toEqual({ outcome: 'already' })
    const forged = { Event: 'wxa_media_check', trace_id: 'local-forged-0001', version: 2, result: { suggest: 'pass', label: 100 } }
    expect(await cloud.call('moderation', forged, 'demo-rider-zhang')).toEqual({ outcome: 'unknown' })
    expect(checksOf(await mine(item.id))).toEqual(['pass', 'rejected'])
    // a client calling the function with a real trace id (the gateway adds userInfo, as WeChat does) changes nothing
    const other = upload(MERCHANT, 'client.jpg')
    const made = dataOf(await call<ManagedItemView>('merchant', 'createItem', newItem([other]), MERCHANT))
    const persona = await fetch(`${cloud.emulator.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: MERCHANT }) })
    const cookie = persona.headers.get('set-cookie')!.split(';')[0]
    const viaApp = await fetch(`${cloud.emulator.url}/fn/moderation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ...forged, trace_id: traceOf(other) }),
    })
    expect(((await viaApp.json()) as Res<unknown>).ok).toBe(false)
    expect(checksOf(await mine(made.id))).toEqual(['pending'])
    // anything else sent to moderation is answered by the router
    expect(code((await cloud.call('moderation', { action: 'anything' }, 'demo-rider-zhang')) as Res<unknown>)).toBe('VALIDATION')
  })

  it('review (needs a person) and undownloadable pictures are rejected too', async () => {
    const unsure = upload(MERCHANT, 'unsure.jpg')
    const updated = dataOf(await call<ManagedItemView>('merchant', 'updateItem', { id: item.id, patch: { photos: [good, unsure] } }, MERCHANT))
    expect(checksOf(updated)).toEqual(['pass', 'pending'])
    await cloud.emulator.mediaPush.resolve(traceOf(unsure), 'review')
    expect(checksOf(await mine(item.id))).toEqual(['pass', 'rejected'])
  })

  it('removing a photo deletes its file; keeping one keeps its verdict (no new check)', async () => {
    const checksBefore = cloud.emulator.openapi.mediaChecks.list().length
    const updated = dataOf(await call<ManagedItemView>('merchant', 'updateItem', { id: item.id, patch: { photos: [good] } }, MERCHANT))
    expect(checksOf(updated)).toEqual(['pass'])
    expect(cloud.emulator.openapi.mediaChecks.list().length).toBe(checksBefore)
    expect(cloud.emulator.storage.list().some((f) => f.fileID === bad)).toBe(false)
    expect(cloud.emulator.storage.list().some((f) => f.fileID === good)).toBe(true)
  })

  it('a photo that was never uploaded, or is no JPEG/PNG/WebP by its bytes, or is another user’s upload is refused (issue 14)', async () => {
    const ghost = `cloud://local-dev.6c6f-local-dev-1250000000/mall-items/${MERCHANT}/ghost.jpg`
    expect(await call('merchant', 'createItem', newItem([ghost]), MERCHANT)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'photos', message: '照片没有上传成功，请重新上传' } })
    // a page with script, named and typed as a photo, in the merchant's own folder
    const html = cloud.emulator.storage.put(`mall-items/${MERCHANT}/poster.jpg`, Buffer.from('<html><script>alert(1)</script></html>'), { uploader: MERCHANT, contentType: 'image/jpeg' }).fileID
    expect(await call('merchant', 'createItem', newItem([html]), MERCHANT)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'photos', message: '照片只支持 JPG、PNG 或 WebP 格式，请重新上传' } })
    const svg = cloud.emulator.storage.put(`mall-items/${WORKER}/poster.png`, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), { uploader: WORKER, contentType: 'image/png' }).fileID
    expect(await call('mall', 'createItem', { ...newItem([svg]), communityId: 'c-xinheping', placeId: 'p-wl-003' }, WORKER)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'photos', message: '照片只支持 JPG、PNG 或 WebP 格式，请重新上传' } })
    const theirs = upload(WORKER, 'w.jpg')
    expect(await call('merchant', 'createItem', newItem([theirs]), MERCHANT)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'photos' } })
  })

  it('a verdict arriving while the owner edits the item is not lost (the edit is a transaction)', async () => {
    const a = upload(MERCHANT, 'race-a.jpg')
    const made = dataOf(await call<ManagedItemView>('merchant', 'createItem', newItem([a]), MERCHANT))
    await Promise.all([
      cloud.emulator.mediaPush.resolve(traceOf(a), 'pass'),
      ...Array.from({ length: 5 }, (_, i) => call('merchant', 'updateItem', { id: made.id, patch: { price: 8 + i } }, MERCHANT)),
    ])
    expect(checksOf(await mine(made.id))).toEqual(['pass'])
  })
})

describe('the emulator’s automatic verdicts (npm start)', () => {
  it('pass unless the file path says risky or review, pushed to the function of message-push.json', async () => {
    const auto = await startTestCloud()
    try {
      await auto.emulator.database.importSnapshot(demoSnapshot())
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9])
      const ok = auto.emulator.storage.put(`mall-items/${WORKER}/tea.jpg`, jpeg, { uploader: WORKER }).fileID
      const risky = auto.emulator.storage.put(`mall-items/${WORKER}/risky-1.jpg`, jpeg, { uploader: WORKER }).fileID
      const input = { ...newItem([ok, risky]), communityId: 'c-xinheping', placeId: 'p-wl-003' }
      const made = dataOf((await auto.call('mall', { action: 'createItem', input }, WORKER)) as Res<ManagedItemView>)
      await auto.emulator.mediaPush.settle()
      const after = dataOf((await auto.call('mall', { action: 'manageItems', input: {} }, WORKER)) as Res<ManagedItemView[]>).find((i) => i.id === made.id)!
      expect(checksOf(after)).toEqual(['pass', 'rejected'])
      expect(auto.emulator.mediaPush.verdicts.list().map((v) => `${v.suggest} → ${v.functionName}`).sort()).toEqual(['pass → moderation', 'risky → moderation'])
    } finally {
      await auto.stop()
    }
  }, 120_000)
})
