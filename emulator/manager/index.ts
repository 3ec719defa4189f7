/**
 * The management surface of an emulator that plays a *deployed* CloudBase environment: what
 * `npm run deploy -- --against-emulator` creates and reads (scripts/deploy/emulator-provider.ts),
 * the local counterpart of @cloudbase/manager-node.
 *
 * A managed emulator starts empty, like a new cloud environment, and keeps what was deployed to it
 * in `<dataDir>/deployed/`, in the same formats the emulator already reads at start:
 *   database/<collection>.json         collection, indexes and security rule (database/README.md)
 *   cloudfunctions/<name>/index.js     the bundle, with its package.json
 *   cloudfunctions/<name>/config.json  timeout, envVariables, triggers, permissions (what the
 *                                      functions runtime and the timers read) + runtime, memorySize,
 *                                      codeSha256 (what CloudBase reports of a deployed function)
 *   cloudfunctions/message-push.json   消息推送 routes
 *   storage-acl.json                   the storage rule (READONLY, PRIVATE, … as CloudBase names them)
 * so a restart comes back as deployed. Creating a collection or changing its indexes reopens the
 * database service on the new declarations (close → open, the service's own start path): the
 * emulator builds indexes when it opens a collection, and this keeps index building its business.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseLike } from '../dbtypes'
import { validateCollectionSpec, type CollectionSpec, type IndexSpec } from '../database/schema'

export type { CollectionSpec, IndexSpec } from '../database/schema'

export interface TriggerSpec {
  name: string
  type: string
  config: string
}

/** A deployed function's configuration, as the manager keeps it in `config.json`. */
export interface ManagedFunctionConfig {
  runtime: string
  /** seconds */
  timeout: number
  /** MB */
  memorySize: number
  envVariables: Record<string, string>
  triggers: TriggerSpec[]
  permissions: { openapi: string[] }
  /** sha256 of the deployed files (what the deploy compares to decide whether code changed) */
  codeSha256: string
  installDependency: boolean
}

export interface ManagedFunction extends ManagedFunctionConfig {
  name: string
}

/** CloudBase's storage ACL names (manager-node `setStorageAcl`). */
export type StorageAcl = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'

const ROOT = path.resolve(__dirname, '..', '..')
const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
const FILE_RE = /^[A-Za-z0-9_.-]+$/

/** Where a managed emulator keeps what was deployed to it. */
export function managedPaths(dataDir: string) {
  const root = path.join(dataDir, 'deployed')
  return { root, schemaDir: path.join(root, 'database'), functionsRoot: path.join(root, 'cloudfunctions'), storageAcl: path.join(root, 'storage-acl.json') }
}

/**
 * A database whose service can be reopened while the emulator runs: every method call goes to the
 * current service; calls that arrive during a reopen wait for it.
 */
export function reopenableDatabase(first: DatabaseLike, open: () => Promise<DatabaseLike>): { database: DatabaseLike; reopen(): Promise<void> } {
  let current = first
  let reopening: Promise<void> | undefined
  const database = new Proxy({} as DatabaseLike, {
    get(_target, key) {
      const value = (current as unknown as Record<string | symbol, unknown>)[key]
      if (typeof value !== 'function') return value
      // look the method up at call time, so a reference kept by another service follows the reopen
      return (...args: unknown[]) => {
        const call = () => (current as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[key](...args)
        return reopening && key === 'handle' ? reopening.then(call) : call()
      }
    },
  })
  return {
    database,
    reopen() {
      reopening ??= (async () => {
        try {
          await current.close()
          current = await open()
        } finally {
          reopening = undefined
        }
      })()
      return reopening
    },
  }
}

function writeJson(file: string, value: unknown, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, mode ? { mode } : undefined)
  fs.renameSync(tmp, file)
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}

export class EmulatorManager {
  readonly paths: ReturnType<typeof managedPaths>
  /** the live 消息推送 routes (the emulator's media-check push reads this object) */
  readonly messagePushRoutes: Record<string, string>

  constructor(private readonly opts: { dataDir: string; reopenDatabase: () => Promise<void> }) {
    this.paths = managedPaths(opts.dataDir)
    fs.mkdirSync(this.paths.schemaDir, { recursive: true })
    fs.mkdirSync(this.paths.functionsRoot, { recursive: true })
    this.messagePushRoutes = { ...readJson<Record<string, string>>(path.join(this.paths.functionsRoot, 'message-push.json')) }
  }

  // ---- database ----

  /** Every collection deployed here, with its indexes and rule. */
  listCollections(): CollectionSpec[] {
    return fs
      .readdirSync(this.paths.schemaDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => validateCollectionSpec(readJson(path.join(this.paths.schemaDir, f)), f))
  }

  private specFile(name: string): string {
    if (!NAME_RE.test(name)) throw new Error(`invalid collection name ${JSON.stringify(name)}`)
    return path.join(this.paths.schemaDir, `${name}.json`)
  }

  private readSpec(name: string): CollectionSpec {
    const raw = readJson(this.specFile(name))
    if (!raw) throw new Error(`collection ${name} does not exist`)
    return validateCollectionSpec(raw, name)
  }

  /** Creates a collection (no indexes, client access denied), like CloudBase's CreateTable. */
  async createCollection(name: string): Promise<void> {
    if (fs.existsSync(this.specFile(name))) throw new Error(`collection ${name} already exists`)
    writeJson(this.specFile(name), validateCollectionSpec({ name, indexes: [], rules: { read: false, write: false } }, name))
    await this.opts.reopenDatabase()
  }

  /** Creates and drops indexes (CloudBase's UpdateTable: CreateIndexes / DropIndexes). */
  async updateIndexes(name: string, change: { create?: IndexSpec[]; drop?: string[] }): Promise<void> {
    const spec = this.readSpec(name)
    const drop = new Set(change.drop ?? [])
    const indexes = spec.indexes.filter((ix) => !drop.has(ix.name))
    for (const ix of change.create ?? []) {
      if (indexes.some((x) => x.name === ix.name)) throw new Error(`index ${name}.${ix.name} already exists`)
      indexes.push(ix)
    }
    writeJson(this.specFile(name), validateCollectionSpec({ ...spec, indexes }, name))
    await this.opts.reopenDatabase()
  }

  /** The collection's security rule for client access (the server SDK ignores it, as in production). */
  setRules(name: string, rules: Record<string, unknown>): void {
    const spec = this.readSpec(name)
    writeJson(this.specFile(name), validateCollectionSpec({ ...spec, rules }, name))
  }

  // ---- functions ----

  listFunctions(): ManagedFunction[] {
    return fs
      .readdirSync(this.paths.functionsRoot, { withFileTypes: true })
      .filter((d) => d.isDirectory() && NAME_RE.test(d.name) && fs.existsSync(path.join(this.paths.functionsRoot, d.name, 'config.json')))
      .map((d) => ({ name: d.name, ...readJson<ManagedFunctionConfig>(path.join(this.paths.functionsRoot, d.name, 'config.json'))! }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  private functionDir(name: string): string {
    if (!NAME_RE.test(name)) throw new Error(`invalid function name ${JSON.stringify(name)}`)
    return path.join(this.paths.functionsRoot, name)
  }

  /** Creates or replaces a function's code and configuration. The runtime picks up new code on the next call. */
  deployFunction(name: string, files: Record<string, Buffer | string>, config: ManagedFunctionConfig): void {
    const dir = this.functionDir(name)
    fs.mkdirSync(dir, { recursive: true })
    for (const [file, content] of Object.entries(files)) {
      if (!FILE_RE.test(file) || file === 'config.json') throw new Error(`unexpected function file ${file}`)
      fs.writeFileSync(path.join(dir, file), content)
    }
    // config.json holds the environment variables (secrets): readable by the owner only
    writeJson(path.join(dir, 'config.json'), config, 0o600)
    // CloudBase installs package.json's dependencies (云端安装依赖); here they are the emulator's
    // own (the repository pins the functions' wx-server-sdk as a devDependency)
    const modules = path.join(dir, 'node_modules')
    if (config.installDependency && !fs.existsSync(modules)) fs.symlinkSync(path.join(ROOT, 'node_modules'), modules, 'dir')
  }

  /** Changes a deployed function's configuration (not its code). */
  updateFunctionConfig(name: string, change: Partial<Omit<ManagedFunctionConfig, 'codeSha256'>>): void {
    const file = path.join(this.functionDir(name), 'config.json')
    const current = readJson<ManagedFunctionConfig>(file)
    if (!current) throw new Error(`function ${name} does not exist`)
    writeJson(file, { ...current, ...change }, 0o600)
    // the functions runtime reloads a function's config when its code changes: mark it changed so
    // the next invocation starts on the new environment variables, as CloudBase's new instances do
    const entry = path.join(this.functionDir(name), 'index.js')
    const now = new Date()
    if (fs.existsSync(entry)) fs.utimesSync(entry, now, now)
  }

  // ---- message push, storage ----

  setMessagePush(event: string, functionName: string): void {
    this.messagePushRoutes[event] = functionName
    writeJson(path.join(this.paths.functionsRoot, 'message-push.json'), this.messagePushRoutes)
  }

  /** CloudBase's default for a new environment is READONLY (所有用户可读，仅创建者及管理员可写). */
  getStorageAcl(): StorageAcl {
    return readJson<{ acl: StorageAcl }>(this.paths.storageAcl)?.acl ?? 'READONLY'
  }

  setStorageAcl(acl: StorageAcl): void {
    writeJson(this.paths.storageAcl, { acl })
  }
}
