import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { parseCookies } from './http'

/** A demo identity offered by the dev-only sign-in. */
export type Persona = { openid: string; label: string; description?: string }

export const SESSION_COOKIE = 'xgyz_emu_session'
/**
 * Readable by the app (not HttpOnly): an opaque per-persona key, no credential and not the openid, so
 * that the app's answer cache (src/api/cache.ts) keeps each persona's answers apart — on weapp,
 * WeChat isolates storage per user; in the browser, personas share one storage.
 */
export const CALLER_COOKIE = 'xgyz_caller'

/**
 * Dev-only sign-in: the session cookie carries the persona's openid, signed with the emulator's
 * secret (HttpOnly, SameSite=Lax). A cookie for an openid that is no longer a listed persona is
 * ignored.
 */
export class PersonaAuth {
  constructor(
    private readonly personas: Persona[],
    private readonly secret: Buffer,
  ) {}

  list(): Persona[] {
    return this.personas
  }

  find(openid: unknown): Persona | undefined {
    return typeof openid === 'string' ? this.personas.find((p) => p.openid === openid) : undefined
  }

  current(req: IncomingMessage): Persona | undefined {
    const raw = parseCookies(req.headers.cookie)[SESSION_COOKIE]
    if (!raw) return undefined
    const dot = raw.lastIndexOf('.')
    if (dot <= 0) return undefined
    const openid = raw.slice(0, dot)
    const given = Buffer.from(raw.slice(dot + 1))
    const expected = Buffer.from(this.sign(openid))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    return this.find(openid)
  }

  signInCookies(p: Persona): string[] {
    const maxAge = 30 * 86400
    return [
      `${SESSION_COOKIE}=${encodeURIComponent(`${p.openid}.${this.sign(p.openid)}`)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`,
      `${CALLER_COOKIE}=${this.sign(p.openid, 'caller').slice(0, 16)}; Path=/; SameSite=Lax; Max-Age=${maxAge}`,
    ]
  }

  signOutCookies(): string[] {
    return [`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`, `${CALLER_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`]
  }

  private sign(openid: string, purpose = 'session'): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${openid}`).digest('base64url')
  }
}
