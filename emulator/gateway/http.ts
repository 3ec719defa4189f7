import type { IncomingMessage, ServerResponse } from 'node:http'

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`)
  }
}

/**
 * Reads a body up to `limit` bytes. Past the limit the rest is drained and discarded (up to a hard
 * cap) so that the client still receives the 413 answer instead of a reset connection.
 */
export function readLimited(req: IncomingMessage, limit: number, drainCap = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    const chunks: Buffer[] = []
    let size = 0
    let over = Number.isFinite(declared) && declared > limit
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) over = true
      if (over) {
        if (size > drainCap) req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => (over ? reject(new BodyTooLarge(limit)) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
    req.on('close', () => {
      if (over) reject(new BodyTooLarge(limit))
    })
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/** The project's error envelope: `{ ok: false, error: { code, message } }`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, headers)
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i < 0) continue
    const k = part.slice(0, i).trim()
    if (!k) continue
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim())
    } catch {
      out[k] = part.slice(i + 1).trim()
    }
  }
  return out
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readLimited(req, limit)
  if (raw.length === 0) return {}
  return JSON.parse(raw.toString('utf8'))
}
