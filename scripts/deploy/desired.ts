/**
 * What the repository declares for a CloudBase environment, read as data:
 * - `database/*.json`: collections, indexes (unique, 2dsphere), security rules (database/README.md);
 * - `cloudfunctions/<name>/`: the bundle `index.js` (scripts/build-functions.ts) with its
 *   `package.json` (CloudBase installs wx-server-sdk from it), and `config.json`: timeout, memory,
 *   open-API permissions, the one timer trigger;
 * - the runtime every function gets (scripts/deploy-runtime.ts);
 * - each function's environment variables: the secrets its bundle reads, and the subscribe-message
 *   template settings of deploy/<env-id>.json for every message its bundle knows;
 * - 消息推送 from `cloudfunctions/message-push.json`; the storage rule.
 * Everything is derived from those files, so a new collection, function, trigger or secret is
 * deployed without touching this code.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSchema } from '../../emulator/database/schema'
import { DEPLOY_NODE_RUNTIME } from '../deploy-runtime'
import type { DesiredFunction, DesiredState, StorageAcl, TriggerState } from './model'
import type { DeploySettings } from './settings'

/** CloudBase's memory for a function whose config.json names none (what WeChat's tools create functions with). */
export const DEFAULT_MEMORY_MB = 256

/**
 * Client access to storage: CloudBase's default rule (所有用户可读，仅创建者及管理员可写), which the
 * app relies on: riders upload their own photos; the functions hand out temp URLs.
 */
export const STORAGE_ACL: StorageAcl = 'READONLY'

/** The files a function is deployed with. */
export const FUNCTION_FILES = ['index.js', 'package.json'] as const

interface FunctionConfigFile {
  timeout?: number
  memorySize?: number
  permissions?: { openapi?: string[] }
  triggers?: TriggerState[]
}

export function codeSha256(files: Record<string, Buffer>): string {
  const h = createHash('sha256')
  for (const name of Object.keys(files).sort()) h.update(name).update('\0').update(files[name]).update('\0')
  return h.digest('hex')
}

/**
 * The subscribe messages a bundle can send or announce: the names in its copy of the messages table
 * (server/subscribe-messages.ts, `env: "IDENTITY_REVIEW"`, or `env:"IDENTITY_REVIEW"` once minified),
 * present only in bundles that read `<NAME>_TEMPLATE_ID` (desired.test.ts checks this against the
 * table itself, on readable and minified bundles).
 */
export function subscribeMessageNames(bundle: string): string[] {
  if (!bundle.includes('_TEMPLATE_ID')) return []
  return [...new Set([...bundle.matchAll(/\benv:\s*"([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1]))].sort()
}

export interface DesiredOptions {
  root: string
  settings: DeploySettings
  /** name → value of every function secret (credentials.ts) */
  functionSecrets: Record<string, string>
}

export interface DesiredReport {
  state: DesiredState
  /** messages the code sends that deploy/<env-id>.json does not configure (they will not be sent) */
  unconfiguredMessages: string[]
}

export function readDesiredState({ root, settings, functionSecrets }: DesiredOptions): DesiredReport {
  const collections = [...loadSchema(join(root, 'database')).values()].map((c) => ({
    name: c.name,
    indexes: c.indexes.map((ix) => ({ name: ix.name, keys: ix.keys, unique: !!ix.unique })),
    rules: c.rules ?? { read: false, write: false },
  }))

  const fnRoot = join(root, 'cloudfunctions')
  const names = readdirSync(fnRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(fnRoot, d.name, 'package.json')))
    .map((d) => d.name)
    .sort()
  const known = new Set<string>()
  const functions: DesiredFunction[] = names.map((name) => {
    const dir = join(fnRoot, name)
    if (!existsSync(join(dir, 'index.js'))) throw new Error(`cloudfunctions/${name}/index.js is missing: build the functions first (npm run build:functions)`)
    const files = Object.fromEntries(FUNCTION_FILES.map((f) => [f, readFileSync(join(dir, f))])) as Record<string, Buffer>
    const config = (existsSync(join(dir, 'config.json')) ? JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) : {}) as FunctionConfigFile
    const bundle = files['index.js'].toString('utf8')
    const env: Record<string, string> = {}
    for (const [secret, value] of Object.entries(functionSecrets)) if (bundle.includes(secret)) env[secret] = value
    for (const message of subscribeMessageNames(bundle)) {
      known.add(message)
      const t = settings.subscribeMessages[message]
      if (!t) continue
      env[`${message}_TEMPLATE_ID`] = t.templateId
      env[`${message}_TEMPLATE_FIELDS`] = t.fields
    }
    return {
      name,
      runtime: DEPLOY_NODE_RUNTIME,
      timeout: config.timeout ?? 3,
      memorySize: config.memorySize ?? DEFAULT_MEMORY_MB,
      installDependency: true,
      codeSha256: codeSha256(files),
      envVariables: env,
      triggers: (config.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
      openapi: [...(config.permissions?.openapi ?? [])].sort(),
      files,
    }
  })
  const unknown = Object.keys(settings.subscribeMessages).filter((m) => !known.has(m))
  if (unknown.length) throw new Error(`deploy settings name subscribe messages no function sends: ${unknown.join(', ')} (known: ${[...known].sort().join(', ')})`)

  const pushFile = join(fnRoot, 'message-push.json')
  const push = existsSync(pushFile) ? (JSON.parse(readFileSync(pushFile, 'utf8')) as Record<string, unknown>) : {}
  const messagePush = Object.fromEntries(Object.entries(push).filter((e): e is [string, string] => !e[0].startsWith('$') && typeof e[1] === 'string'))
  for (const [event, fn] of Object.entries(messagePush)) if (!names.includes(fn)) throw new Error(`cloudfunctions/message-push.json routes ${event} to ${fn}, which is not a function`)

  return {
    state: { collections, functions, messagePush, storageAcl: STORAGE_ACL },
    unconfiguredMessages: [...known].filter((m) => !settings.subscribeMessages[m]).sort(),
  }
}
