import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { sendError } from './http'

/**
 * What keeps other web pages from driving the emulator through the developer's browser. The session
 * cookie is SameSite=Lax, but a page on another port of 127.0.0.1 is the same *site*, so the
 * browser sends it; and a page on a domain that resolves to 127.0.0.1 (DNS rebinding) reads answers
 * as if it were the emulator's own. So, on every route:
 *
 * 1. **Host** must name the emulator itself (127.0.0.1, localhost or [::1] with its port, the address
 *    it is bound to, or an allowed origin such as the h5 dev server that proxies to it). A rebinding
 *    page's requests carry its own domain. When bound to every interface (0.0.0.0 / ::), any IP
 *    address with the port is accepted too (rebinding needs a domain name).
 * 2. **Origin**, when the request has one (browsers send it with every POST, PUT, DELETE and every
 *    cross-origin request), must be the emulator's own origin or an allowed one. `/admin` — the
 *    SDK's endpoint, called from the function processes — takes no request that has an Origin at all.
 * 3. **State-changing requests** (anything but GET/HEAD/OPTIONS) must be `Content-Type:
 *    application/json`; uploads their file's type, but none of the three types a cross-origin form
 *    or `fetch(…, { mode: 'no-cors' })` can send without a CORS preflight (text/plain,
 *    multipart/form-data, application/x-www-form-urlencoded), which the emulator never grants.
 * 4. The inspector's JSON API (`/__/api/…`) also needs the inspector token: `Authorization: Bearer
 *    <token>` (printed with the inspector's URL, kept in the data dir).
 *
 * The SDK's own routes (`/admin`, the signed upload `PUT /__/storage/put/<token>`, signed temp-URL
 * downloads) keep their protocol: rule 1 and, for /admin, rule 2.
 */
export interface GuardOptions {
  /** the port the server listens on (known once it listens) */
  port: () => number
  /** the address the server is bound to */
  host: string
  /** further origins trusted like the emulator's own, e.g. `http://127.0.0.1:10086` (the h5 dev server) */
  allowedOrigins?: readonly string[]
  inspectorToken: string
}

const SIMPLE_TYPES = ['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded']
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const MSG = {
  host: '请求的 Host 不是本模拟器的地址（已拒绝，防 DNS 重绑定）',
  origin: '不接受来自其他网页的请求',
  json: '请求须为 Content-Type: application/json',
  uploadType: '上传请求须带文件本身的 Content-Type（如 image/jpeg）',
  token: '需要模拟器控制台令牌（npm start 打印的控制台地址中的 token）',
}

/** `application/json; charset=utf-8` → `application/json` */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase()

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : undefined
  } catch {
    return undefined
  }
}

/** Returns a check that answers a refused request itself and returns false; true lets it through. */
export function createRequestGuard(opts: GuardOptions): (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean {
  const extraOrigins = (opts.allowedOrigins ?? []).map((o) => o.replace(/\/$/, '').toLowerCase())
  const extraHosts = extraOrigins.map(hostOf).filter((h): h is string => !!h)
  const bound = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host
  const wildcard = opts.host === '0.0.0.0' || opts.host === '::'
  const token = Buffer.from(opts.inspectorToken)

  const ownHost = (host: string): boolean => {
    const port = opts.port()
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase())
    if (!m) return extraHosts.includes(host.toLowerCase())
    const [, name, p] = m
    if (Number(p ?? 80) === port && (LOOPBACK_NAMES.includes(name) || name === bound.toLowerCase() || (wildcard && isIP(name.replace(/^\[|\]$/g, '')) !== 0))) return true
    return extraHosts.includes(host.toLowerCase())
  }
  const ownOrigin = (origin: string): boolean => {
    const o = origin.replace(/\/$/, '').toLowerCase()
    if (extraOrigins.includes(o)) return true
    return o.startsWith('http://') && hostOf(o) !== undefined && ownHost(hostOf(o)!)
  }
  const tokenOk = (header: string | undefined): boolean => {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '')
    return given.length === token.length && timingSafeEqual(given, token)
  }
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): false => {
    req.resume()
    sendError(res, status, code, message)
    return false
  }

  return (req, res, pathname) => {
    const host = req.headers.host
    if (!host || !ownHost(host)) return refuse(req, res, 403, 'FORBIDDEN', MSG.host)
    const origin = req.headers.origin
    if (pathname === '/admin' && origin !== undefined) return refuse(req, res, 403, 'FORBIDDEN', MSG.origin)
    if (origin !== undefined && !ownOrigin(origin)) return refuse(req, res, 403, 'FORBIDDEN', MSG.origin)
    const changes = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS'
    if (changes && pathname !== '/admin' && !pathname.startsWith('/__/storage/put/')) {
      const type = mediaType(req.headers['content-type'])
      if (pathname === '/__/storage/upload') {
        if (!type || SIMPLE_TYPES.includes(type)) return refuse(req, res, 415, 'VALIDATION', MSG.uploadType)
      } else if (type !== 'application/json') {
        return refuse(req, res, 415, 'VALIDATION', MSG.json)
      }
    }
    if (pathname.startsWith('/__/api/') && !tokenOk(req.headers.authorization)) return refuse(req, res, 401, 'UNAUTHENTICATED', MSG.token)
    return true
  }
}
