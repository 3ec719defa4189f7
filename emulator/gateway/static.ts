import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import Negotiator from 'negotiator'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
}

/** Formats that are not compressed already (PNG, JPEG, WebP, WOFF/WOFF2 are). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.wasm', '.ico', '.ttf'])
/** Below this, the encoding's framing costs about what it saves (nginx and CDNs use ~1 KB too). */
const MIN_COMPRESS = 1024
/**
 * The h5 build names its JS and CSS `name.<hex hash>.ext` (config/index.ts `output`): content-addressed,
 * so a browser may keep them forever; anything else (index.html) must be revalidated on each visit
 * so that a new build is picked up.
 */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i
export const IMMUTABLE = 'public, max-age=31536000, immutable'

export type Encoding = 'br' | 'gzip'
const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Compressed bytes of the build's files, made on first request per file version (path, size, mtime)
 * and kept. Middle levels, as servers compressing on the fly use: measured on this build (7.0 MB of
 * JS/CSS, loaded 2-core machine), brotli quality 5 takes ~1 s for all of it and gives 1.84 MB,
 * quality 11 takes ~33 s for 1.67 MB — too slow for the first request of a freshly built file.
 */
export class CompressedFiles {
  private readonly cache = new Map<string, { version: string; bytes: Map<Encoding, Promise<Buffer>> }>()

  get(file: string, stat: fs.Stats, encoding: Encoding): Promise<Buffer> {
    const version = `${stat.size}:${stat.mtimeMs}`
    let entry = this.cache.get(file)
    if (entry?.version !== version) {
      entry = { version, bytes: new Map() }
      this.cache.set(file, entry)
    }
    let bytes = entry.bytes.get(encoding)
    if (!bytes) {
      bytes = fs.promises.readFile(file).then((raw) =>
        encoding === 'br'
          ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } })
          : gzip(raw, { level: 6 }),
      )
      // a failed read (the file replaced mid-build) is retried on the next request
      bytes.catch(() => entry!.bytes.delete(encoding))
      entry.bytes.set(encoding, bytes)
    }
    return bytes
  }
}

function compressible(file: string, stat: fs.Stats): boolean {
  return COMPRESSIBLE.has(path.extname(file).toLowerCase()) && stat.size >= MIN_COMPRESS
}

/** The client's preferred encoding we offer (brotli first when it accepts both equally, as browsers do). */
export function chooseEncoding(req: IncomingMessage): Encoding | undefined {
  const best = new Negotiator(req).encodings(['br', 'gzip', 'identity'], ['br', 'gzip', 'identity'])[0]
  return best === 'br' || best === 'gzip' ? best : undefined
}

/**
 * Serves the h5 build: a file if it exists under root, else index.html for navigations (paths without
 * a file extension), else 404. Text files are sent brotli- or gzip-compressed by `Accept-Encoding`, as
 * production static hosting does; hashed assets are cacheable for a year, index.html is revalidated.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string, compressed: CompressedFiles): Promise<void> {
  let rel: string
  try {
    rel = decodeURIComponent(pathname)
  } catch {
    res.writeHead(400).end()
    return
  }
  const rootAbs = path.resolve(root)
  let file = path.resolve(rootAbs, `.${rel}`)
  if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) {
    res.writeHead(403).end()
    return
  }
  let stat = statOrUndefined(file)
  if (stat?.isDirectory()) {
    file = path.join(file, 'index.html')
    stat = statOrUndefined(file)
  }
  if (!stat?.isFile()) {
    if (path.extname(rel) !== '' && path.extname(rel) !== '.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
      return
    }
    file = path.join(rootAbs, 'index.html')
    stat = statOrUndefined(file)
    if (!stat?.isFile()) {
      const body = `<!doctype html><meta charset="utf-8"><title>小哥驿站 · 本地模拟器</title><body style="font-family:sans-serif;padding:2em"><h1>h5 build not found</h1><p>No <code>index.html</code> under <code>${escapeHtml(rootAbs)}</code>. Build the app (<code>npx taro build --type h5</code>) or use <a href="/__/inspector">the inspector</a>.</p></body>`
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(body)
      return
    }
  }
  const ext = path.extname(file).toLowerCase()
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
  const headers: Record<string, string | number> = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': HASHED.test(path.basename(file)) ? IMMUTABLE : 'no-cache',
    etag,
  }
  const canCompress = compressible(file, stat)
  if (canCompress) headers.vary = 'Accept-Encoding'
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end()
    return
  }
  const encoding = canCompress ? chooseEncoding(req) : undefined
  if (encoding) {
    const body = await compressed.get(file, stat, encoding)
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length })
    res.end(req.method === 'HEAD' ? undefined : body)
    return
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  fs.createReadStream(file).pipe(res)
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p)
  } catch {
    return undefined
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
