import { startFixtureEmulator, type FixtureEmulator } from '../testing/harness'
import { bucketFor, makeFileId, normalizeCloudPath, parseFileId } from './index'

jest.setTimeout(60_000)

let fx: FixtureEmulator
beforeAll(async () => {
  fx = await startFixtureEmulator()
})
afterAll(async () => {
  await fx.stop()
})

const files = (event: Record<string, unknown>, openid = 'uploader-1') => fx.emu.functions.invoke('files', event, { openid }).then((r) => r.result as Record<string, unknown>)

test('file IDs have production shape', () => {
  expect(bucketFor('local-dev')).toBe('6c6f-local-dev-1250000000')
  const id = makeFileId('local-dev', 'badges/a b.png')
  expect(id).toBe('cloud://local-dev.6c6f-local-dev-1250000000/badges/a b.png')
  expect(parseFileId(id)).toEqual({ env: 'local-dev', bucket: '6c6f-local-dev-1250000000', path: 'badges/a b.png' })
  expect(parseFileId('https://x/y')).toBeUndefined()
  expect(normalizeCloudPath('/a/b.txt')).toBe('a/b.txt')
  expect(() => normalizeCloudPath('a/../../etc/passwd')).toThrow(/not a valid file path/)
  expect(() => normalizeCloudPath('')).toThrow()
})

test('upload, temp URL, download and delete through the SDK', async () => {
  const up = await files({ op: 'upload', path: 'suggestions/照片 1.txt', text: '你好，驿站' })
  const fileID = up.fileID as string
  expect(fileID).toBe('cloud://local-dev.6c6f-local-dev-1250000000/suggestions/照片 1.txt')

  const meta = fx.emu.storage.get(fileID)!
  expect(meta).toMatchObject({ path: 'suggestions/照片 1.txt', size: Buffer.byteLength('你好，驿站'), uploader: 'uploader-1', contentType: 'text/plain; charset=utf-8' })
  expect(meta.invocationId).toEqual(expect.any(String))

  const temp = await files({ op: 'tempUrl', fileID, maxAge: 60 })
  expect(temp).toMatchObject({ fileID, status: 0 })
  const res = await fetch(encodeURI(temp.tempFileURL as string))
  expect(res.status).toBe(200)
  expect(await res.text()).toBe('你好，驿站')

  expect(await files({ op: 'download', fileID })).toEqual({ text: '你好，驿站' })
  expect(await files({ op: 'delete', fileID })).toMatchObject({ fileID, status: 0 })
  expect(fx.emu.storage.get(fileID)).toBeUndefined()
  expect((await fetch(encodeURI(temp.tempFileURL as string))).status).toBe(404)
  const again = await files({ op: 'download', fileID })
  expect(again.error).toMatchObject({ errMsg: expect.stringMatching(/STORAGE_FILE_NONEXIST|not exist|fail/i) })
})

test('temp URLs expire after max_age and cannot be forged', async () => {
  const { fileID } = await files({ op: 'upload', path: 'private/badge.txt', text: 'secret badge' })
  const temp = await files({ op: 'tempUrl', fileID, maxAge: 2 })
  const url = new URL(encodeURI(temp.tempFileURL as string))
  expect((await fetch(url)).status).toBe(200)

  // another file with the same signature, a later expiry, or a made-up signature: refused
  const forgedPath = new URL(url)
  forgedPath.pathname = forgedPath.pathname.replace('badge.txt', 'other.txt')
  expect((await fetch(forgedPath)).status).toBe(403)
  const forgedExpiry = new URL(url)
  forgedExpiry.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600))
  const r1 = await fetch(forgedExpiry)
  expect(r1.status).toBe(403)
  expect(await r1.text()).toContain('SignatureDoesNotMatch')
  const forgedSign = new URL(url)
  forgedSign.searchParams.set('sign', 'f'.repeat(40))
  expect((await fetch(forgedSign)).status).toBe(403)

  await new Promise((r) => setTimeout(r, 3100))
  const expired = await fetch(url)
  expect(expired.status).toBe(403)
  expect(await expired.text()).toContain('Request has expired')
})

test('unknown storage action is refused with its name', async () => {
  const res = await fetch(fx.emu.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'storage.copyFile' }) })
  expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('storage.copyFile') })
})

test('files survive a restart of the storage service', async () => {
  const { fileID } = await files({ op: 'upload', path: 'keep/me.txt', text: 'kept' })
  const { StorageService } = await import('./index')
  const reopened = new StorageService({ dir: `${fx.dataDir}/storage`, envId: 'local-dev', publicUrl: () => fx.emu.url, secret: Buffer.alloc(32) })
  expect(reopened.get(fileID as string)).toMatchObject({ uploader: 'uploader-1' })
  expect(reopened.read(fileID as string)?.toString()).toBe('kept')
})
