/**
 * A CloudBase environment as a deploy target, through @cloudbase/manager-node (Tencent Cloud APIs
 * with a SecretId/SecretKey): collections and indexes (flexdb DescribeTable / CreateTable /
 * UpdateTable), collection security rules (permission.describe/modifyResourcePermission), functions
 * (SCF GetFunction / CreateFunction / UpdateFunctionCode / UpdateFunctionConfiguration, timer
 * triggers), the storage rule (storage.get/setStorageAcl).
 *
 * What manager-node cannot reach stays a `manual` plan item: open-API permissions (uploaded with
 * config.json by WeChat DevTools only) and 消息推送 (console only).
 *
 * Whether a function's code changed: its description carries the sha256 of the deployed files
 * (`xiaoge-station code sha256 <hex>`), so the plan compares hashes instead of downloading code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type CloudBase from '@cloudbase/manager-node'
import type { CollectionState, DesiredFunction, EnvironmentState, FunctionState, IndexSpec, Provider, StorageAcl, TriggerState } from '../model'

/** The parts of manager-node the deploy uses (tests give a recorded fake of exactly these). */
export interface ManagerNode {
  database: Pick<CloudBase['database'], 'listCollections' | 'describeCollection' | 'createCollection' | 'updateCollection'>
  functions: Pick<CloudBase['functions'], 'getFunctionList' | 'getFunctionDetail' | 'createFunction' | 'updateFunctionCode' | 'updateFunctionConfig' | 'createFunctionTriggers' | 'deleteFunctionTrigger'>
  permission: Pick<CloudBase['permission'], 'describeResourcePermission' | 'modifyResourcePermission'>
  storage: Pick<CloudBase['storage'], 'getStorageAcl' | 'setStorageAcl'>
}

const DESCRIPTION = /xiaoge-station code sha256 ([0-9a-f]{64})/
const describe = (sha: string) => `xiaoge-station code sha256 ${sha}`
const PAGE = 100

/** A rule as the repository writes it ↔ CloudBase's permission: ADMINONLY is `{ read: false, write: false }`. */
function rulesOf(p: { Permission?: string; SecurityRule?: string } | undefined): Record<string, unknown> | undefined {
  if (!p?.Permission) return undefined
  if (p.Permission === 'CUSTOM' && p.SecurityRule) return JSON.parse(p.SecurityRule) as Record<string, unknown>
  if (p.Permission === 'ADMINONLY') return { read: false, write: false }
  return { permission: p.Permission }
}

function indexKeys(keys: { Name?: string; Direction?: string }[]): IndexSpec['keys'] {
  const out: IndexSpec['keys'] = {}
  for (const k of keys) if (k.Name) out[k.Name] = k.Direction === '2dsphere' ? '2dsphere' : Number(k.Direction) === -1 ? -1 : 1
  return out
}

export class CloudBaseProvider implements Provider {
  readonly description: string

  constructor(
    private readonly app: ManagerNode,
    envId: string,
  ) {
    this.description = `CloudBase environment ${envId}`
  }

  /** The real client, loaded only when a deploy talks to CloudBase. */
  static async connect(envId: string, secretId: string, secretKey: string): Promise<CloudBaseProvider> {
    const { default: Manager } = (await import('@cloudbase/manager-node')) as unknown as { default: typeof CloudBase }
    return new CloudBaseProvider(new Manager({ secretId, secretKey, envId }), envId)
  }

  async read(): Promise<EnvironmentState> {
    const names: string[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.app.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset })
      names.push(...page.Collections.map((c) => c.CollectionName))
      if (names.length >= page.Pager.Total || !page.Collections.length) break
    }
    const permissions = names.length ? (await this.app.permission.describeResourcePermission({ resourceType: 'collection', resources: names })).Data.PermissionList : []
    const collections: CollectionState[] = []
    for (const name of names.sort()) {
      const table = await this.app.database.describeCollection(name)
      collections.push({
        name,
        indexes: (table.Indexes ?? []).filter((ix) => ix.Name !== '_id_').map((ix) => ({ name: ix.Name, keys: indexKeys(ix.Keys), unique: !!ix.Unique })),
        rules: rulesOf(permissions.find((p) => p.Resource === name)),
      })
    }

    const fnNames: string[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.app.functions.getFunctionList(PAGE, offset)
      fnNames.push(...page.Functions.map((f) => f.FunctionName))
      if (fnNames.length >= page.TotalCount || !page.Functions.length) break
    }
    const functions: FunctionState[] = []
    for (const name of fnNames.sort()) {
      const d = await this.app.functions.getFunctionDetail(name)
      functions.push({
        name,
        runtime: d.Runtime,
        timeout: d.Timeout,
        memorySize: d.MemorySize,
        installDependency: d.InstallDependency === 'TRUE',
        codeSha256: DESCRIPTION.exec(d.Description ?? '')?.[1] ?? '',
        envVariables: Object.fromEntries((d.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
        triggers: (d.Triggers ?? []).map((t) => ({ name: t.TriggerName, type: t.Type, config: t.TriggerDesc })),
      })
    }
    return { collections, functions, storageAcl: (await this.app.storage.getStorageAcl()) as StorageAcl }
  }

  async createCollection(name: string): Promise<void> {
    await this.app.database.createCollection(name)
  }

  async updateIndexes(collection: string, change: { create: IndexSpec[]; drop: string[] }): Promise<void> {
    // drop first: an index changed in place keeps its name
    if (change.drop.length) await this.app.database.updateCollection(collection, { DropIndexes: change.drop.map((IndexName) => ({ IndexName })) })
    if (change.create.length)
      await this.app.database.updateCollection(collection, {
        CreateIndexes: change.create.map((ix) => ({
          IndexName: ix.name,
          MgoKeySchema: { MgoIndexKeys: Object.entries(ix.keys).map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: !!ix.unique },
        })),
      })
  }

  async setRules(collection: string, rules: Record<string, unknown>): Promise<void> {
    await this.app.permission.modifyResourcePermission({ resourceType: 'collection', resource: collection, permission: 'CUSTOM', securityRule: JSON.stringify(rules) })
  }

  /** manager-node zips a directory: stage exactly the files to deploy (no src/, tests or source maps). */
  private async withStagedCode<T>(fn: DesiredFunction, run: (dir: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), `deploy-${fn.name}-`))
    try {
      for (const [file, content] of Object.entries(fn.files)) writeFileSync(join(dir, file), content)
      return await run(dir)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  async createFunction(fn: DesiredFunction): Promise<void> {
    await this.withStagedCode(fn, (functionPath) =>
      this.app.functions.createFunction({
        func: { name: fn.name, runtime: fn.runtime, timeout: fn.timeout, memorySize: fn.memorySize, installDependency: fn.installDependency, handler: 'index.main', description: describe(fn.codeSha256) },
        functionPath,
        force: false,
      }),
    )
  }

  async updateFunctionCode(fn: DesiredFunction): Promise<void> {
    await this.withStagedCode(fn, (functionPath) => this.app.functions.updateFunctionCode({ func: { name: fn.name, runtime: fn.runtime, installDependency: fn.installDependency, handler: 'index.main' }, functionPath }))
    await this.app.functions.updateFunctionConfig({ name: fn.name, description: describe(fn.codeSha256) })
  }

  async updateFunctionConfig(name: string, config: { timeout: number; memorySize: number }): Promise<void> {
    await this.app.functions.updateFunctionConfig({ name, timeout: config.timeout, memorySize: config.memorySize })
  }

  async setFunctionEnv(name: string, env: Record<string, string>): Promise<void> {
    // manager-node replaces the whole set of variables (its configToParams: 覆盖式修改)
    await this.app.functions.updateFunctionConfig({ name, envVariables: env })
  }

  async createTrigger(fn: string, trigger: TriggerState): Promise<void> {
    await this.app.functions.createFunctionTriggers(fn, [trigger])
  }

  async deleteTrigger(fn: string, trigger: string): Promise<void> {
    await this.app.functions.deleteFunctionTrigger(fn, trigger)
  }

  async setStorageAcl(acl: StorageAcl): Promise<void> {
    await this.app.storage.setStorageAcl(acl)
  }
}
