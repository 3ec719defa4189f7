/**
 * The local emulator as a deploy target (`--against-emulator`): a managed emulator
 * (emulator/manager) plays a CloudBase environment that starts empty, so the planner, the diff and
 * the apply steps run offline end to end — and what was deployed then runs (the functions answer
 * with the environment variables the deploy set).
 */
import type { EmulatorManager } from '../../../emulator/manager'
import type { DesiredFunction, EnvironmentState, IndexSpec, Provider, StorageAcl, TriggerState } from '../model'

export class EmulatorProvider implements Provider {
  readonly description: string

  constructor(
    private readonly manager: EmulatorManager,
    where: string,
  ) {
    this.description = `the local emulator (${where})`
  }

  async read(): Promise<EnvironmentState> {
    const m = this.manager
    return {
      collections: m.listCollections().map((c) => ({ name: c.name, indexes: c.indexes.map((ix) => ({ name: ix.name, keys: ix.keys, unique: !!ix.unique })), rules: c.rules })),
      functions: m.listFunctions().map((f) => ({
        name: f.name,
        runtime: f.runtime,
        timeout: f.timeout,
        memorySize: f.memorySize,
        installDependency: f.installDependency,
        codeSha256: f.codeSha256,
        envVariables: f.envVariables,
        triggers: f.triggers,
        openapi: [...f.permissions.openapi].sort(),
      })),
      messagePush: { ...m.messagePushRoutes },
      storageAcl: m.getStorageAcl(),
    }
  }

  createCollection(name: string): Promise<void> {
    return this.manager.createCollection(name)
  }

  updateIndexes(collection: string, change: { create: IndexSpec[]; drop: string[] }): Promise<void> {
    return this.manager.updateIndexes(collection, change)
  }

  async setRules(collection: string, rules: Record<string, unknown>): Promise<void> {
    this.manager.setRules(collection, rules)
  }

  async createFunction(fn: DesiredFunction): Promise<void> {
    this.manager.deployFunction(fn.name, fn.files, {
      runtime: fn.runtime,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      installDependency: fn.installDependency,
      codeSha256: fn.codeSha256,
      envVariables: {},
      triggers: [],
      permissions: { openapi: [] },
    })
  }

  async updateFunctionCode(fn: DesiredFunction): Promise<void> {
    const current = this.manager.listFunctions().find((f) => f.name === fn.name)
    if (!current) throw new Error(`function ${fn.name} does not exist`)
    const { name: _name, ...config } = current
    this.manager.deployFunction(fn.name, fn.files, { ...config, codeSha256: fn.codeSha256 })
  }

  async updateFunctionConfig(name: string, config: { timeout: number; memorySize: number }): Promise<void> {
    this.manager.updateFunctionConfig(name, config)
  }

  async setFunctionEnv(name: string, env: Record<string, string>): Promise<void> {
    this.manager.updateFunctionConfig(name, { envVariables: env })
  }

  async createTrigger(fn: string, trigger: TriggerState): Promise<void> {
    const current = this.triggers(fn)
    if (current.some((t) => t.name === trigger.name)) throw new Error(`trigger ${fn}.${trigger.name} already exists`)
    this.manager.updateFunctionConfig(fn, { triggers: [...current, trigger] })
  }

  async deleteTrigger(fn: string, trigger: string): Promise<void> {
    this.manager.updateFunctionConfig(fn, { triggers: this.triggers(fn).filter((t) => t.name !== trigger) })
  }

  private triggers(fn: string): TriggerState[] {
    const f = this.manager.listFunctions().find((x) => x.name === fn)
    if (!f) throw new Error(`function ${fn} does not exist`)
    return f.triggers
  }

  async setOpenApiPermissions(fn: string, openapi: string[]): Promise<void> {
    this.manager.updateFunctionConfig(fn, { permissions: { openapi } })
  }

  async setMessagePush(event: string, fn: string): Promise<void> {
    this.manager.setMessagePush(event, fn)
  }

  async setStorageAcl(acl: StorageAcl): Promise<void> {
    this.manager.setStorageAcl(acl)
  }
}
