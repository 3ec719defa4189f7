/**
 * The test side of the emulator's gateway (emulator/gateway): calls a cloud function or uploads a
 * file as one persona, exactly as the h5 build does in the browser. The gateway, not this client,
 * adds the mini-program call's `userInfo` and takes the identity from the signed-in session, so
 * the functions see what WeChat would deliver.
 */
import { request } from 'node:http'
import { CLOUD_TOKEN_ENV } from './cloud-users'

export interface GatewayAnswer {
  status: number
  body: unknown
}

function send(url: string, method: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export class GatewayClient {
  private readonly cookies = new Map<string, Promise<string>>()

  constructor(readonly baseUrl: string) {}

  /** the session cookie of a persona (dev sign-in), fetched once per openid */
  private cookie(openid: string): Promise<string> {
    let c = this.cookies.get(openid)
    if (!c) {
      c = send(`${this.baseUrl}/__/auth/signin`, 'POST', JSON.stringify({ openid }), { 'content-type': 'application/json' }).then((r) => {
        const set = r.headers['set-cookie']
        if (r.status !== 200 || !set) throw new Error(`dev sign-in as ${openid} answered HTTP ${r.status}: ${r.text}`)
        return (Array.isArray(set) ? set[0] : set).split(';')[0]
      })
      this.cookies.set(openid, c)
    }
    return c
  }

  /** `POST /fn/<name>` with the call's data, as `openid` */
  async callFunction(openid: string, name: string, data: unknown): Promise<GatewayAnswer> {
    const cookie = await this.cookie(openid)
    const r = await send(`${this.baseUrl}/fn/${encodeURIComponent(name)}`, 'POST', JSON.stringify(data ?? {}), { 'content-type': 'application/json', cookie })
    return { status: r.status, body: parse(r.text) }
  }

  /** `POST /__/storage/upload?path=…`, as `openid`; answers `{ fileID }` */
  async upload(openid: string, cloudPath: string, bytes: Buffer, contentType: string): Promise<GatewayAnswer> {
    const cookie = await this.cookie(openid)
    const r = await send(`${this.baseUrl}/__/storage/upload?path=${encodeURIComponent(cloudPath)}`, 'POST', bytes, { 'content-type': contentType, cookie })
    return { status: r.status, body: parse(r.text) }
  }

  /** a JSON API of the emulator (`/__/api/…`), e.g. the recent invocations of a function */
  async api(path: string): Promise<unknown> {
    const r = await send(`${this.baseUrl}/__/api/${path}`, 'GET', '', { authorization: `Bearer ${process.env[CLOUD_TOKEN_ENV] ?? ''}` })
    return parse(r.text)
  }
}
