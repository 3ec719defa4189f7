import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { localTemplateEnv } from '../server/subscribe-messages'
import { FUNCTION_SECRET_NAMES } from './function-secrets'

export { FUNCTION_SECRET_NAMES } from './function-secrets'

/**
 * The functions' local environment. Secrets: random per data directory and kept there, so passes
 * signed before a restart stay valid and no key is ever committed or built into the app. Subscribe
 * messages: every one configured with its suggested template (server/subscribe-messages.ts), so the
 * app asks for them and the outbox shows what each journey sends.
 */
export function localFunctionEnv(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'function-env.json')
  const current: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {}
  let changed = false
  for (const name of FUNCTION_SECRET_NAMES) {
    if (!current[name]) {
      current[name] = randomBytes(32).toString('hex')
      changed = true
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(current, null, 2), { mode: 0o600 })
  }
  return { ...localTemplateEnv(), ...current }
}
