/**
 * The state of a CloudBase environment as `npm run deploy` sees it: what the repository declares
 * (desired.ts) and what a provider reads from an environment (providers/), in one shape, so the
 * plan is a plain diff of the two (plan.ts).
 */
import type { IndexSpec } from '../../emulator/database/schema'
import type { StorageAcl } from '../../emulator/manager'

export type { IndexSpec } from '../../emulator/database/schema'

export interface CollectionState {
  name: string
  indexes: IndexSpec[]
  /** the security rule for client access; undefined: never set */
  rules?: Record<string, unknown>
}

export interface TriggerState {
  name: string
  type: string
  config: string
}

export interface FunctionState {
  name: string
  runtime: string
  /** seconds */
  timeout: number
  /** MB */
  memorySize: number
  /** CloudBase installs package.json's dependencies (wx-server-sdk) */
  installDependency: boolean
  /** sha256 of the deployed index.js + package.json */
  codeSha256: string
  envVariables: Record<string, string>
  triggers: TriggerState[]
  /** config.json permissions.openapi; undefined: the provider cannot read it */
  openapi?: string[]
}

/** CloudBase's storage ACL names (manager-node storage.setStorageAcl) */
export type { StorageAcl }

export interface EnvironmentState {
  collections: CollectionState[]
  functions: FunctionState[]
  /** 消息推送 event → function; undefined: the provider cannot read it */
  messagePush?: Record<string, string>
  storageAcl?: StorageAcl
}

/** A function as the repository declares it, with the files to upload. */
export interface DesiredFunction extends FunctionState {
  openapi: string[]
  /** file name → content (index.js, package.json) */
  files: Record<string, Buffer>
}

export interface DesiredState extends EnvironmentState {
  functions: DesiredFunction[]
  messagePush: Record<string, string>
  storageAcl: StorageAcl
}

/** What a deploy can read and change in an environment. Two implementations: CloudBase (manager-node) and the local emulator. */
export interface Provider {
  /** for people: "CloudBase environment xyz" */
  readonly description: string
  read(): Promise<EnvironmentState>
  createCollection(name: string): Promise<void>
  updateIndexes(collection: string, change: { create: IndexSpec[]; drop: string[] }): Promise<void>
  setRules(collection: string, rules: Record<string, unknown>): Promise<void>
  /** code and base configuration (runtime, timeout, memory, installDependency); no variables, no triggers */
  createFunction(fn: DesiredFunction): Promise<void>
  updateFunctionCode(fn: DesiredFunction): Promise<void>
  updateFunctionConfig(name: string, config: { timeout: number; memorySize: number }): Promise<void>
  /** replaces all of the function's environment variables */
  setFunctionEnv(name: string, env: Record<string, string>): Promise<void>
  createTrigger(fn: string, trigger: TriggerState): Promise<void>
  deleteTrigger(fn: string, trigger: string): Promise<void>
  setStorageAcl(acl: StorageAcl): Promise<void>
  /** absent: only WeChat DevTools can (the plan says how) */
  setOpenApiPermissions?(fn: string, openapi: string[]): Promise<void>
  /** absent: only the console can (the plan says how) */
  setMessagePush?(event: string, fn: string): Promise<void>
}
