/**
 * Credentials and function secrets of one environment, kept outside the repository:
 * `$XIAOGE_DEPLOY_CREDENTIALS`, else `~/.config/xiaoge-station/<env-id>.json` (mode 0600):
 *
 *   {
 *     "secretId": "AKID…",            Tencent Cloud API key (访问管理 → API密钥管理), the two keys
 *     "secretKey": "…",               the README asks for; TENCENTCLOUD_SECRETID/SECRETKEY win
 *     "privateKeyPath": "/…/private.wx….key",  optional: miniprogram-ci upload key
 *     "functionSecrets": { … }        written by the deploy: PASS_SIGNING_KEY … generated once
 *   }
 *
 * Nothing here is ever printed: plans show masked values (mask()), and every line the deploy
 * prints passes redact() with all of these values.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { z } from 'zod/mini'
import { FUNCTION_SECRET_NAMES } from '../function-secrets'

// zod/mini has no messages of its own (「Invalid input」): a deployer reads zod's English ones
const ENGLISH_MESSAGES = { error: z.locales.en().localeError }

const CredentialsFile = z.object({
  secretId: z.optional(z.string()),
  secretKey: z.optional(z.string()),
  privateKeyPath: z.optional(z.string()),
  functionSecrets: z._default(z.record(z.string(), z.string()), {}),
})
type CredentialsFile = z.infer<typeof CredentialsFile>

export interface Credentials {
  file: string
  secretId?: string
  secretKey?: string
  privateKeyPath?: string
  /** every secret the functions get, generated here when missing */
  functionSecrets: Record<string, string>
}

export function credentialsFile(envId: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.XIAOGE_DEPLOY_CREDENTIALS || join(homedir(), '.config', 'xiaoge-station', `${envId}.json`))
}

const inside = (dir: string, file: string) => {
  const rel = relative(dir, file)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Reads the file, adds the function secrets it lacks (32 random bytes each) and writes it back,
 * readable by its owner only. Refuses a file inside `repoRoot`, where it could be committed (the
 * emulator target passes none: its file is in its git-ignored data directory).
 */
export function loadCredentials(file: string, repoRoot: string | undefined, env: NodeJS.ProcessEnv = process.env): Credentials {
  if (repoRoot && inside(resolve(repoRoot), file)) throw new Error(`the credentials file ${file} is inside the repository; keep it outside (default ~/.config/xiaoge-station/<env-id>.json)`)
  let stored: CredentialsFile = CredentialsFile.parse({})
  if (existsSync(file)) {
    const parsed = CredentialsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')), ENGLISH_MESSAGES)
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    stored = parsed.data
  }
  const missing = FUNCTION_SECRET_NAMES.filter((name) => !stored.functionSecrets[name])
  if (missing.length) {
    for (const name of missing) stored.functionSecrets[name] = randomBytes(32).toString('hex')
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 })
  }
  if (existsSync(file)) chmodSync(file, 0o600)
  return {
    file,
    secretId: env.TENCENTCLOUD_SECRETID || stored.secretId,
    secretKey: env.TENCENTCLOUD_SECRETKEY || stored.secretKey,
    privateKeyPath: env.MINIPROGRAM_PRIVATE_KEY_PATH || stored.privateKeyPath,
    functionSecrets: stored.functionSecrets,
  }
}

/** Every value that must never be printed. */
export function secretValues(c: Credentials): string[] {
  return [c.secretId, c.secretKey, ...Object.values(c.functionSecrets)].filter((v): v is string => !!v && v.length >= 8)
}

export const MASK = '••••••'

/** A variable's value as a plan shows it: template settings are not secret; everything else is masked. */
export function mask(name: string, value: string): string {
  return /_TEMPLATE_(ID|FIELDS)$/.test(name) ? value : MASK
}

/** The line with every secret value replaced by the mask (the last guard before anything is printed). */
export function redact(line: string, secrets: readonly string[]): string {
  let out = line
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK)
  return out
}
