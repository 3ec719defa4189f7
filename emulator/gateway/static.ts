import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
}

/**
 * Serves the h5 build: a file if it exists under root, else index.html for navigations (paths without
 * a file extension), else 404. Hashed assets are cacheable; index.html is not.
 */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): void {
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
  const isHtml = ext === '.html'
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=3600',
  })
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
