import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DatabaseLike } from '../dbtypes'
import type { FunctionsRuntime } from '../functions'
import { FunctionInvocationError } from '../functions'
import type { MediaCheckPush, MediaSuggest, OpenApiService } from '../openapi'
import { ContentRefused, StorageRuleRefused, type StorageService } from '../storage'
import { inspectorHtml } from '../inspector'
import { PersonaAuth, type Persona } from './auth'
import { BodyTooLarge, readJson, readLimited, sendError, sendJson } from './http'
import { CompressedFiles, serveStatic } from './static'

export type { Persona } from './auth'
export { CALLER_COOKIE, PersonaAuth, SESSION_COOKIE } from './auth'

export interface GatewayOptions {
  functions: FunctionsRuntime
  storage: StorageService
  openapi: OpenApiService
  /** pushes image-check verdicts (the inspector's pass / risky buttons) */
  mediaPush?: MediaCheckPush
  database?: DatabaseLike
  personas: Persona[]
  /** signs session cookies */
  secret: Buffer
  /** the h5 build to serve (index.html fallback); omitted → a hint page */
  h5Root?: string
  /** appId put into event.userInfo and WX_APPID */
  appId: string
}

/** Largest /fn request body, like CloudBase's 100 KB limit on a call's data. */
export const MAX_FN_BODY = 100 * 1024
const MAX_UPLOAD = 20 * 1024 * 1024
const MSG = {
  unauthenticated: '请先选择演示身份登录',
  tooLarge: '请求内容过大（上限 100 KB）',
  badJson: '请求格式不正确',
  internal: '服务开小差了，请稍后再试',
  timeout: '服务响应超时，请稍后重试',
}

/**
 * The browser side of the emulator: `POST /fn/<name>` as a mini-program call, the dev-only persona
 * sign-in, browser uploads, JSON APIs for tests and the inspector, the inspector page and the h5 build.
 */
export function createGateway(opts: GatewayOptions) {
  const auth = new PersonaAuth(opts.personas, opts.secret)
  const compressed = new CompressedFiles()

  async function callFunction(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    let body: unknown
    try {
      body = await readJson(req, MAX_FN_BODY)
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, 'VALIDATION', MSG.tooLarge)
      return sendError(res, 400, 'VALIDATION', MSG.badJson)
    }
    const persona = auth.current(req)
    if (!persona) return sendError(res, 401, 'UNAUTHENTICATED', MSG.unauthenticated)
    if (!body || typeof body !== 'object' || Array.isArray(body)) return sendError(res, 400, 'VALIDATION', MSG.badJson)
    if (!opts.functions.has(name)) return sendError(res, 404, 'VALIDATION', `没有名为「${name}」的云函数`)
    // As a mini-program call: the data plus userInfo; identity only from the session.
    const event = { ...(body as Record<string, unknown>), userInfo: { appId: opts.appId, openId: persona.openid } }
    try {
      const { result, invocation } = await opts.functions.invoke(name, event, {
        openid: persona.openid,
        appid: opts.appId,
        clientIp: clientIp(req),
        source: 'wx_client',
      })
      sendJson(res, 200, result === undefined ? null : result, { 'x-emulator-invocation': invocation.id })
    } catch (err) {
      if (!(err instanceof FunctionInvocationError)) throw err
      const headers: Record<string, string> = err.invocation ? { 'x-emulator-invocation': err.invocation.id } : {}
      if (err.code === 'FUNCTION_NOT_FOUND') return sendError(res, 404, 'VALIDATION', `没有名为「${name}」的云函数`, headers)
      if (err.code === 'FUNCTION_TIMEOUT') return sendError(res, 504, 'TIMEOUT', MSG.timeout, headers)
      if (err.code === 'FUNCTION_INVALID_EVENT') return sendError(res, 400, 'VALIDATION', MSG.badJson, headers)
      if (err.code === 'FUNCTION_EVENT_TOO_LARGE') return sendError(res, 413, 'VALIDATION', MSG.tooLarge, headers)
      sendError(res, 500, 'INTERNAL', MSG.internal, headers)
    }
  }

  async function authRoute(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    if (route === 'personas' && req.method === 'GET') return sendJson(res, 200, { ok: true, personas: auth.list() })
    if (route === 'me' && req.method === 'GET') {
      const persona = auth.current(req)
      if (!persona) return sendError(res, 401, 'UNAUTHENTICATED', MSG.unauthenticated)
      return sendJson(res, 200, { ok: true, persona })
    }
    if (route === 'signin' && req.method === 'POST') {
      let body: { openid?: unknown }
      try {
        body = (await readJson(req, 4096)) as { openid?: unknown }
      } catch {
        return sendError(res, 400, 'VALIDATION', MSG.badJson)
      }
      const persona = auth.find(body?.openid)
      if (!persona) return sendError(res, 400, 'VALIDATION', '没有这个演示身份')
      return sendJson(res, 200, { ok: true, persona }, { 'set-cookie': auth.signInCookies(persona) })
    }
    if (route === 'signout' && req.method === 'POST') {
      req.resume()
      return sendJson(res, 200, { ok: true }, { 'set-cookie': auth.signOutCookies() })
    }
    sendError(res, 404, 'NOT_FOUND', `no route ${req.method} /__/auth/${route}`)
  }

  async function storageRoute(req: IncomingMessage, res: ServerResponse, route: string, query: URLSearchParams): Promise<void> {
    const persona = auth.current(req)
    if (route === 'upload' && req.method === 'POST') {
      if (!persona) {
        req.resume()
        return sendError(res, 401, 'UNAUTHENTICATED', MSG.unauthenticated)
      }
      let data: Buffer
      try {
        data = await readLimited(req, MAX_UPLOAD)
      } catch (err) {
        if (err instanceof BodyTooLarge) return sendError(res, 413, 'VALIDATION', '文件过大（上限 20 MB）')
        throw err
      }
      // as wx.cloud.uploadFile: under the storage rule, typed by the bytes (not by the request's header)
      try {
        const file = opts.storage.putFromClient(query.get('path') ?? '', data, persona.openid)
        return sendJson(res, 200, { ok: true, fileID: file.fileID })
      } catch (err) {
        if (err instanceof StorageRuleRefused) return sendError(res, 403, 'FORBIDDEN', '不能覆盖其他用户上传的文件')
        if (err instanceof ContentRefused) return sendError(res, 415, 'VALIDATION', '只能上传 JPEG、PNG 或 WebP 格式的图片')
        return sendError(res, 400, 'VALIDATION', `文件路径不正确：${(err as Error).message}`)
      }
    }
    if (route === 'temp-url' && req.method === 'POST') {
      let body: { fileID?: unknown; maxAge?: unknown }
      try {
        body = (await readJson(req, 8192)) as typeof body
      } catch {
        return sendError(res, 400, 'VALIDATION', MSG.badJson)
      }
      if (!persona) return sendError(res, 401, 'UNAUTHENTICATED', MSG.unauthenticated)
      const fileID = String(body?.fileID ?? '')
      const file = opts.storage.get(fileID)
      if (!file) return sendError(res, 404, 'NOT_FOUND', '文件不存在')
      if (!opts.storage.clientMayRead(file, persona.openid)) return sendError(res, 403, 'FORBIDDEN', '没有读取这个文件的权限')
      const maxAge = typeof body.maxAge === 'number' && body.maxAge > 0 ? Math.min(body.maxAge, 86400) : 600
      return sendJson(res, 200, { ok: true, fileID, tempFileURL: opts.storage.tempUrl(fileID, maxAge) })
    }
    req.resume()
    sendError(res, 404, 'NOT_FOUND', `no route ${req.method} /__/storage/${route}`)
  }

  async function apiRoute(req: IncomingMessage, res: ServerResponse, route: string, query: URLSearchParams): Promise<void> {
    const parts = route.split('/').filter(Boolean).map((s) => decodeURIComponent(s))
    const limit = clampInt(query.get('limit'), 100, 1, 1000)
    const skip = clampInt(query.get('skip'), 0, 0, 1_000_000)
    req.resume()
    if (req.method === 'GET' && parts[0] === 'invocations' && parts.length === 2) {
      const rec = opts.functions.getInvocation(parts[1])
      return rec ? sendJson(res, 200, { ok: true, invocation: rec }) : sendError(res, 404, 'NOT_FOUND', `no invocation ${parts[1]} (only recent ones are kept)`)
    }
    if (req.method === 'GET' && (parts[0] === 'logs' || parts[0] === 'invocations') && parts.length === 1) {
      const invocations = opts.functions.recentInvocations({ functionName: query.get('function') ?? undefined, openid: query.get('openid') ?? undefined, limit })
      return sendJson(res, 200, { ok: true, invocations })
    }
    if (req.method === 'GET' && parts[0] === 'functions' && parts.length === 1) {
      const functions = opts.functions.listFunctions().map((name) => ({ name, pool: opts.functions.stats(name) ?? null }))
      return sendJson(res, 200, { ok: true, functions })
    }
    if (parts[0] === 'outbox' && parts.length === 1) {
      if (req.method === 'GET') {
        const to = query.get('touser')
        const messages = opts.openapi.outbox.list().filter((m) => !to || m.touser === to)
        return sendJson(res, 200, { ok: true, messages })
      }
      if (req.method === 'DELETE') {
        opts.openapi.outbox.clear()
        return sendJson(res, 200, { ok: true })
      }
    }
    if (req.method === 'GET' && parts[0] === 'media-checks' && parts.length === 1) {
      const verdicts = new Map((opts.mediaPush?.verdicts.list() ?? []).map((v) => [v.traceId, v]))
      const checks = opts.openapi.mediaChecks.list().map((c) => ({ ...c, verdict: verdicts.get(c.traceId) ?? null }))
      return sendJson(res, 200, { ok: true, checks })
    }
    if (req.method === 'POST' && parts[0] === 'media-checks' && parts.length === 3 && parts[2] === 'verdict') {
      const suggest = query.get('suggest') as MediaSuggest | null
      if (!opts.mediaPush) return sendError(res, 503, 'UNAVAILABLE', 'message push is not running')
      if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return sendError(res, 400, 'VALIDATION', 'suggest must be pass, review or risky')
      if (!opts.openapi.mediaChecks.list().some((c) => c.traceId === parts[1])) return sendError(res, 404, 'NOT_FOUND', `no media check ${parts[1]}`)
      return sendJson(res, 200, { ok: true, verdict: await opts.mediaPush.resolve(parts[1], suggest) })
    }
    if (req.method === 'GET' && parts[0] === 'collections') {
      if (!opts.database) return sendError(res, 503, 'UNAVAILABLE', 'the database service is not running')
      if (parts.length === 1) return sendJson(res, 200, { ok: true, collections: opts.database.listCollections() })
      if (parts.length === 3 && parts[2] === 'documents') {
        const find = () => opts.database!.listCollections().find((c) => c.name === parts[1])
        let known = find()
        if (!known) return sendError(res, 404, 'NOT_FOUND', `no collection ${parts[1]}`)
        if (known.loading) {
          await opts.database.loaded // a big data directory is served while it loads
          known = find() ?? known
        }
        return sendJson(res, 200, { ok: true, collection: parts[1], total: known.count, documents: opts.database.listDocuments(parts[1], { limit, skip }) })
      }
    }
    if (req.method === 'GET' && parts[0] === 'files' && parts.length === 1) {
      return sendJson(res, 200, { ok: true, files: opts.storage.list() })
    }
    sendError(res, 404, 'NOT_FOUND', `no route ${req.method} /__/api/${route}`)
  }

  /** Handles a request of the gateway; every path not claimed elsewhere ends here. */
  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> {
    try {
      if (pathname.startsWith('/fn/')) {
        if (req.method !== 'POST') {
          req.resume()
          return sendError(res, 405, 'VALIDATION', 'use POST /fn/<name>', { allow: 'POST' })
        }
        return await callFunction(req, res, decodeURIComponent(pathname.slice(4)))
      }
      if (pathname.startsWith('/__/auth/')) return await authRoute(req, res, pathname.slice('/__/auth/'.length))
      if (pathname.startsWith('/__/storage/')) return await storageRoute(req, res, pathname.slice('/__/storage/'.length), query)
      if (pathname.startsWith('/__/api/')) return await apiRoute(req, res, pathname.slice('/__/api/'.length), query)
      if (pathname === '/__/inspector' || pathname === '/__/inspector/') {
        const html = inspectorHtml()
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-cache' })
        return void res.end(html)
      }
      if (pathname.startsWith('/__/')) {
        req.resume()
        return sendError(res, 404, 'NOT_FOUND', `no route ${pathname}`)
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        req.resume()
        return sendError(res, 405, 'VALIDATION', 'method not allowed')
      }
      if (!opts.h5Root) {
        res.writeHead(302, { location: '/__/inspector' }).end()
        return
      }
      await serveStatic(req, res, opts.h5Root, pathname, compressed)
    } catch (err) {
      console.error('[emulator] gateway error', err)
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', MSG.internal)
      else res.destroy()
    }
  }
}

function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
}

function clampInt(v: string | null, dflt: number, min: number, max: number): number {
  const n = v === null ? NaN : Number.parseInt(v, 10)
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : dflt
}
