import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { CompressedFiles, IMMUTABLE, serveStatic } from './static'

let root: string
let server: http.Server
let base: string
const compressed = new CompressedFiles()

// Text that compresses, over the 1 KB threshold; each build writes different bytes.
const APP_JS = Array.from({ length: 400 }, (_, i) => `export const v${i} = "小哥驿站 ${i}";`).join('\n')
const INDEX = `<!doctype html><meta charset="utf-8"><title>小哥驿站</title>${'<div class="x"></div>'.repeat(100)}<div id="app"></div>`
const PNG = Buffer.alloc(4096, 7)

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'xg-static-'))
  mkdirSync(path.join(root, 'js'))
  mkdirSync(path.join(root, 'css'))
  mkdirSync(path.join(root, 'static', 'images'), { recursive: true })
  writeFileSync(path.join(root, 'index.html'), INDEX)
  writeFileSync(path.join(root, 'js', 'app.1a2b3c4d.js'), APP_JS)
  writeFileSync(path.join(root, 'js', 'tiny.0badc0de.js'), 'console.log(1)')
  writeFileSync(path.join(root, 'css', 'app.5f6e7d8c9b0a1b2c3d4e.css'), '.a{color:red}\n'.repeat(200))
  writeFileSync(path.join(root, 'static', 'images', 'logo.deadbeef.png'), PNG)
  writeFileSync(path.join(root, 'robots.txt'), 'User-agent: *\n'.repeat(100))
  server = http.createServer((req, res) => {
    void serveStatic(req, res, root, new URL(req.url!, 'http://x').pathname, compressed)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  rmSync(root, { recursive: true, force: true })
})

/** Raw bytes and headers as sent (fetch would decompress and hide the encoding). */
function get(p: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const CHROME = 'gzip, deflate, br, zstd'

test('brotli for a browser that accepts it; the bytes decompress to the file', async () => {
  const res = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': CHROME })
  expect(res.status).toBe(200)
  expect(res.headers['content-encoding']).toBe('br')
  expect(res.headers.vary).toBe('Accept-Encoding')
  expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
  expect(Number(res.headers['content-length'])).toBe(res.body.length)
  expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 4)
  expect(zlib.brotliDecompressSync(res.body).toString()).toBe(APP_JS)
})

test('gzip when brotli is not accepted or weighs less; identity when nothing is', async () => {
  for (const accept of ['gzip', 'br;q=0.5, gzip', 'deflate, gzip;q=0.8']) {
    const res = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': accept })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(res.body).toString()).toBe(APP_JS)
  }
  for (const accept of [undefined, 'identity', 'deflate', 'gzip;q=0, br;q=0']) {
    const res = await get('/js/app.1a2b3c4d.js', accept === undefined ? {} : { 'accept-encoding': accept })
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body.toString()).toBe(APP_JS)
    expect(res.headers.vary).toBe('Accept-Encoding')
  }
})

test('hashed assets are immutable for a year; index.html and unhashed files are revalidated', async () => {
  for (const p of ['/js/app.1a2b3c4d.js', '/css/app.5f6e7d8c9b0a1b2c3d4e.css', '/static/images/logo.deadbeef.png', '/js/tiny.0badc0de.js']) {
    expect((await get(p, { 'accept-encoding': CHROME })).headers['cache-control']).toBe(IMMUTABLE)
  }
  for (const p of ['/', '/index.html', '/pages/map/index', '/robots.txt']) {
    const res = await get(p, { 'accept-encoding': CHROME })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-cache')
  }
  const html = await get('/pages/map/index', { 'accept-encoding': 'gzip' })
  expect(html.headers['content-encoding']).toBe('gzip')
  expect(zlib.gunzipSync(html.body).toString()).toBe(INDEX)
})

test('images and files under 1 KB are sent as they are', async () => {
  const png = await get('/static/images/logo.deadbeef.png', { 'accept-encoding': CHROME })
  expect(png.headers['content-encoding']).toBeUndefined()
  expect(png.headers.vary).toBeUndefined()
  expect(png.body.equals(PNG)).toBe(true)
  const tiny = await get('/js/tiny.0badc0de.js', { 'accept-encoding': CHROME })
  expect(tiny.headers['content-encoding']).toBeUndefined()
  expect(tiny.body.toString()).toBe('console.log(1)')
})

test('HEAD answers the encoded length without a body; a matching ETag answers 304', async () => {
  const full = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': CHROME })
  const head = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': CHROME }, 'HEAD')
  expect(head.headers['content-length']).toBe(String(full.body.length))
  expect(head.body.length).toBe(0)
  const etag = (await get('/index.html')).headers.etag!
  expect(etag).toMatch(/^W\/"/)
  const again = await get('/index.html', { 'if-none-match': etag })
  expect(again.status).toBe(304)
  expect(again.body.length).toBe(0)
})

test('a rebuilt file is compressed anew, never served from the old bytes', async () => {
  const file = path.join(root, 'robots.txt')
  const before = await get('/robots.txt', { 'accept-encoding': 'br' })
  expect(zlib.brotliDecompressSync(before.body).toString()).toContain('User-agent')
  const next = 'Disallow: /\n'.repeat(150)
  writeFileSync(file, next)
  const after = await get('/robots.txt', { 'accept-encoding': 'br' })
  expect(zlib.brotliDecompressSync(after.body).toString()).toBe(next)
  expect(after.headers.etag).not.toBe(before.headers.etag)
})
