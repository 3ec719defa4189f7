/**
 * A district's deploy settings: `deploy/<env-id>.json` in the repository, committed, holding no
 * secret (`npm test`'s secret scan reads these files: scripts/check-bundle-secrets.ts). What goes in:
 * the mini-program's AppID and, per subscribe message, the template chosen in the mini-program
 * console (功能 → 订阅消息) and which template keyword carries which field — the
 * `<NAME>_TEMPLATE_ID` / `<NAME>_TEMPLATE_FIELDS` variables of README → Subscribe messages.
 *
 *   {
 *     "appId": "wx0123456789abcdef",
 *     "subscribeMessages": {
 *       "IDENTITY_REVIEW": { "templateId": "…", "fields": "result=phrase1,note=thing2,time=time3" }
 *     }
 *   }
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod/mini'

// zod/mini has no messages of its own (「Invalid input」): a deployer reads zod's English ones
const ENGLISH_MESSAGES = { error: z.locales.en().localeError }

const TemplateSettings = z.strictObject({
  templateId: z.string().check(z.trim(), z.minLength(1)),
  /** `field=key,…`, e.g. `result=phrase1,note=thing2` */
  fields: z.string().check(z.regex(/^[A-Za-z]+=[a-z_]+[0-9]+(,[A-Za-z]+=[a-z_]+[0-9]+)*$/, 'fields: field=key,… such as result=phrase1,note=thing2')),
})

export const DeploySettings = z.strictObject({
  $comment: z.optional(z.string()),
  /** the mini-program's AppID (upload with miniprogram-ci; DevTools) */
  appId: z.optional(z.string().check(z.regex(/^wx[0-9a-f]{16}$/, 'appId: the AppID from the mini-program console (wx + 16 hex digits)'))),
  /** `<NAME>` (as in `<NAME>_TEMPLATE_ID`) → template */
  subscribeMessages: z._default(z.record(z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/, 'a message name such as IDENTITY_REVIEW')), TemplateSettings), {}),
})
export type DeploySettings = z.infer<typeof DeploySettings>

export const settingsFile = (root: string, envId: string): string => join(root, 'deploy', `${envId}.json`)

/** The environment's settings; an environment without a file has none (no AppID, no subscribe messages). */
export function readSettings(file: string): DeploySettings {
  if (!existsSync(file)) return DeploySettings.parse({})
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`)
  }
  const parsed = DeploySettings.safeParse(raw, ENGLISH_MESSAGES)
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`)
  return parsed.data
}
