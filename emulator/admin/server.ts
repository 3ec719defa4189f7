import type { IncomingMessage, ServerResponse } from 'node:http'
import { CloudbaseError } from '../core/errors'
import type { FaultInjector } from '../core/faults'
import type { InvocationRegistry } from '../core/invocations'
import type { AdminCall, AdminReply, AdminServices } from './types'

const MAX_BODY = 50 * 1024 * 1024

export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new CloudbaseError('INVALID_PARAM', `request body over ${limit} bytes`, 413))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Pulls the `name="…"` text fields out of a multipart/form-data body (all the SDK sends there). */
export function parseMultipartFields(raw: Buffer, contentType: string): Record<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw new CloudbaseError('INVALID_PARAM', 'multipart body without boundary')
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`)
  const fields: Record<string, Buffer> = {}
  let pos = raw.indexOf(boundary)
  while (pos !== -1) {
    const start = pos + boundary.length
    if (raw.subarray(start, start + 2).toString() === '--') break
    const headerEnd = raw.indexOf('\r\n\r\n', start)
    if (headerEnd === -1) break
    const headers = raw.subarray(start, headerEnd).toString('utf8')
    const next = raw.indexOf(boundary, headerEnd + 4)
    if (next === -1) break
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name) fields[name] = raw.subarray(headerEnd + 4, next - 2) // strip the CRLF before the boundary
    pos = next
  }
  return fields
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  // CloudBase's own content type; for wx.openApi the SDK parses an error as JSON only with exactly this.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/**
 * The SDK's `POST …/admin` endpoint: every SDK call arrives here with an `action` and is dispatched
 * to the service named by the action's prefix. Errors are answered the way CloudBase does, so the
 * SDK surfaces them with the right errCode.
 */
export function createAdminHandler(services: AdminServices, invocations: InvocationRegistry, faults?: FaultInjector) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let action = '(unknown)'
    try {
      const rawBody = await readBody(req)
      const contentType = String(req.headers['content-type'] ?? '')
      const url = new URL(req.url ?? '/', 'http://localhost')
      let body: Record<string, unknown>
      if (contentType.startsWith('multipart/form-data')) {
        const fields = parseMultipartFields(rawBody, contentType)
        body = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, k === 'requestData' ? v : v.toString('utf8')]))
      } else {
        try {
          body = JSON.parse(rawBody.toString('utf8') || '{}') as Record<string, unknown>
        } catch {
          throw new CloudbaseError('INVALID_PARAM', 'request body is not JSON')
        }
      }
      action = typeof body.action === 'string' ? body.action : ''
      if (!action) throw new CloudbaseError('INVALID_PARAM', 'missing action')
      const prefix = action.split('.')[0] as keyof AdminServices
      const service = services[prefix]
      if (!service) throw new CloudbaseError('INVALID_PARAM', `action ${action} is not supported by the local emulator`)
      const call: AdminCall = {
        action,
        body,
        env: url.searchParams.get('env') ?? String(body.envName ?? ''),
        invocation: invocations.byApiToken(body.wxCloudApiToken),
        rawBody,
        contentType,
      }
      // fault injection: the invocation's process dies before or after this database request, and
      // no answer is sent (the caller of the function sees FUNCTION_CRASHED)
      const fault = prefix === 'database' && call.invocation ? faults?.onDatabaseRequest(call.invocation, action, typeof body.collectionName === 'string' ? body.collectionName : undefined) : undefined
      if (fault?.when === 'before') {
        await fault.kill()
        res.destroy()
        return
      }
      let reply: AdminReply | undefined
      let failure: unknown
      try {
        reply = await service(call)
      } catch (err) {
        failure = err
      }
      if (fault) {
        await fault.kill() // after the request, whatever its outcome
        res.destroy()
        return
      }
      if (!reply) throw failure
      if ('raw' in reply && Buffer.isBuffer(reply.raw)) {
        res.writeHead(200, { 'content-type': String(reply.contentType), 'content-length': reply.raw.length })
        res.end(reply.raw)
        return
      }
      sendJson(res, 200, { requestId: randomRequestId(), ...reply })
    } catch (err) {
      if (err instanceof CloudbaseError) {
        sendJson(res, err.httpStatus, { code: err.code, message: err.message, requestId: randomRequestId() })
        return
      }
      console.error(`[emulator] admin action ${action} failed`, err)
      sendJson(res, 200, { code: 'SYS_ERR', message: `emulator internal error in ${action}: ${(err as Error).message}` })
    }
  }
}

let seq = 0
const randomRequestId = () => `local-${Date.now().toString(36)}-${(seq++).toString(36)}`
