import { startFixtureEmulator, TEST_PERSONAS, type FixtureEmulator } from '../testing/harness'
import { sniffType } from './index'

// Issue 14, item 7. Client uploads (wx.cloud.uploadFile; here the gateway's browser upload) follow
// CloudBase's default storage permission, 所有用户可读，仅创建者可读写 (云存储安全规则:
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html), and
// stored objects are served as what their bytes are, with nosniff and a CSP that runs nothing.
jest.setTimeout(60_000)

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9])
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(14)])
const HTML = Buffer.from('<!doctype html><script>fetch("/fn/points",{method:"POST",body:"{}"})</script>')
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>')

let fx: FixtureEmulator
const cookies: Record<string, string> = {}
beforeAll(async () => {
  fx = await startFixtureEmulator()
  for (const { openid } of TEST_PERSONAS) {
    const res = await fetch(`${fx.emu.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
    cookies[openid] = res.headers.get('set-cookie')!.split(';')[0]
  }
})
afterAll(async () => {
  await fx.stop()
})

const [RIDER, WORKER] = TEST_PERSONAS.map((p) => p.openid)
const upload = (as: string, path: string, body: Buffer, type = 'image/png') =>
  fetch(`${fx.emu.url}/__/storage/upload?path=${encodeURIComponent(path)}`, { method: 'POST', headers: { cookie: cookies[as], 'content-type': type }, body: new Uint8Array(body) })
const download = async (path: string) => {
  const file = fx.emu.storage.list().find((f) => f.path === path)!
  return fetch(encodeURI(fx.emu.storage.tempUrl(file.fileID, 60)!))
}

test('仅创建者可写: another user cannot overwrite a file; its creator can', async () => {
  const path = `badges/${RIDER}/a.png`
  expect((await upload(RIDER, path, PNG)).status).toBe(200)
  const theirs = await upload(WORKER, path, JPEG, 'image/jpeg')
  expect(theirs.status).toBe(403)
  expect(await theirs.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '不能覆盖其他用户上传的文件' } })
  expect(fx.emu.storage.list().find((f) => f.path === path)).toMatchObject({ uploader: RIDER, contentType: 'image/png', size: PNG.length })
  expect(Buffer.from(await (await download(path)).arrayBuffer())).toEqual(PNG)

  expect((await upload(RIDER, path, JPEG, 'image/jpeg')).status).toBe(200)
  expect(fx.emu.storage.list().find((f) => f.path === path)).toMatchObject({ uploader: RIDER, contentType: 'image/jpeg' })
  // a file a function or the console stored has no client creator: no client overwrites it
  fx.emu.storage.put('badges/system/seal.png', PNG)
  expect((await upload(RIDER, 'badges/system/seal.png', PNG)).status).toBe(403)
})

test('photo folders take JPEG, PNG and WebP by their bytes; HTML or SVG named .png is refused', async () => {
  for (const folder of ['badges', 'suggestions/2031-01-01/abc', 'mall-items', 'merchant-licences']) {
    for (const [name, bytes, type] of [['p.png', PNG, 'image/png'], ['j.jpg', JPEG, 'image/jpeg'], ['w.webp', WEBP, 'image/webp']] as const) {
      const res = await upload(RIDER, `${folder}/${RIDER}/${name}`, bytes, 'application/octet-stream')
      expect(res.status).toBe(200)
      expect(fx.emu.storage.list().find((f) => f.path === `${folder}/${RIDER}/${name}`)?.contentType).toBe(type)
    }
    for (const bad of [HTML, SVG, Buffer.from('GIF89a...')]) {
      const res = await upload(RIDER, `${folder}/${RIDER}/evil.png`, bad, 'image/png')
      expect(res.status).toBe(415)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '只能上传 JPEG、PNG 或 WebP 格式的图片' } })
    }
    expect(fx.emu.storage.list().some((f) => f.path === `${folder}/${RIDER}/evil.png`)).toBe(false)
  }
})

test('elsewhere anything is stored, but served as its bytes are (never as HTML or SVG), with nosniff and a CSP', async () => {
  expect((await upload(RIDER, 'misc/page.png', HTML, 'text/html')).status).toBe(200)
  expect((await upload(RIDER, 'misc/pic.svg', SVG, 'image/svg+xml')).status).toBe(200)
  expect((await upload(RIDER, 'misc/real.gif', Buffer.from('GIF89a\x01\x00\x01\x00'), 'text/html')).status).toBe(200)
  for (const [path, type] of [['misc/page.png', 'application/octet-stream'], ['misc/pic.svg', 'application/octet-stream'], ['misc/real.gif', 'image/gif']]) {
    const res = await download(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(type)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*sandbox/)
  }
})

test("a trusted writer's declared type is kept unless the bytes contradict a picture type; still served inert", async () => {
  fx.emu.storage.put('demo/badge.svg', SVG, { contentType: 'image/svg+xml' })
  fx.emu.storage.put('demo/fake.jpg', HTML, { contentType: 'image/jpeg' })
  fx.emu.storage.put('demo/real.bin', PNG, { contentType: 'text/html' })
  const svg = await download('demo/badge.svg')
  expect(svg.headers.get('content-type')).toBe('image/svg+xml')
  expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'")
  expect((await download('demo/fake.jpg')).headers.get('content-type')).toBe('application/octet-stream')
  expect((await download('demo/real.bin')).headers.get('content-type')).toBe('image/png')
})

test('所有用户可读: any signed-in user gets a temp URL; a stricter rule (仅创建者可读写) limits it to the creator', async () => {
  const path = `suggestions/2031-01-02/x/${RIDER}.png`
  const { fileID } = (await (await upload(RIDER, path, PNG)).json()) as { fileID: string }
  const tempUrl = (as: string) => fetch(`${fx.emu.url}/__/storage/temp-url`, { method: 'POST', headers: { cookie: cookies[as], 'content-type': 'application/json' }, body: JSON.stringify({ fileID }) })
  expect((await tempUrl(WORKER)).status).toBe(200)

  const strict = await startFixtureEmulator({ storageRule: { read: 'creator', write: 'creator' } })
  try {
    const signIn = async (openid: string) => (await fetch(`${strict.emu.url}/__/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })).headers.get('set-cookie')!.split(';')[0]
    const [rider, worker] = [await signIn(RIDER), await signIn(WORKER)]
    const id = (await (await fetch(`${strict.emu.url}/__/storage/upload?path=badges/r/p.png`, { method: 'POST', headers: { cookie: rider, 'content-type': 'image/png' }, body: PNG })).json()) as { fileID: string }
    const ask = (cookie: string) => fetch(`${strict.emu.url}/__/storage/temp-url`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(id) })
    expect((await ask(worker)).status).toBe(403)
    expect((await ask(rider)).status).toBe(200)
  } finally {
    await strict.stop()
  }
})

test('magic bytes', () => {
  expect([PNG, JPEG, WEBP, Buffer.from('GIF87a'), Buffer.from('%PDF-1.7'), HTML, SVG, Buffer.alloc(0)].map(sniffType)).toEqual([
    'image/png',
    'image/jpeg',
    'image/webp',
    'image/gif',
    'application/pdf',
    undefined,
    undefined,
    undefined,
  ])
  // RIFF that is not WebP (a WAV file) is not a picture
  expect(sniffType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]))).toBeUndefined()
})
