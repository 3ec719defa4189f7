/**
 * The plan: desired (the repository) against current (an environment), one item per resource —
 * create, update, unchanged; `manual` where the provider cannot read or change a resource (then the
 * item says exactly what to do by hand); `extra` for what the environment has and the repository
 * does not declare (reported, never removed). Applying runs the items' steps in order; a second
 * plan after it has nothing to create or update.
 */
import { mask } from './credentials'
import type { CollectionState, DesiredFunction, DesiredState, EnvironmentState, FunctionState, IndexSpec, Provider } from './model'

export type Action = 'create' | 'update' | 'unchanged' | 'manual' | 'extra'

export interface PlanItem {
  /** e.g. `index places.location_2dsphere` */
  resource: string
  action: Action
  /** what changes, secrets masked */
  details: string[]
  /** the change, for create and update */
  apply?: (p: Provider) => Promise<void>
}

/** Why some resources are manual on CloudBase, with the documentation it rests on. */
export const MANUAL = {
  openapi: (fn: string, apis: string[]) =>
    `open-API permissions (${apis.join(', ')}) take effect only when WeChat DevTools uploads the function with its config.json: ` +
    `right-click cloudfunctions/${fn} → 上传并部署：云端安装依赖 once (https://docs.cloudbase.net/faq/knowledge/cloud-call-604101-permission-error)`,
  messagePush: (event: string, fn: string) => `云开发控制台 → 设置 → 消息推送: add event ${event} → cloud function ${fn} (no management API offers it)`,
}

const keysText = (ix: IndexSpec) => `{${Object.entries(ix.keys).map(([k, v]) => `${k}: ${v}`).join(', ')}}${ix.unique ? ' unique' : ''}`
const sameIndex = (a: IndexSpec, b: IndexSpec) => JSON.stringify(Object.entries(a.keys)) === JSON.stringify(Object.entries(b.keys)) && !!a.unique === !!b.unique
const json = (v: unknown) => JSON.stringify(v)
const short = (sha: string) => (sha ? sha.slice(0, 12) : 'unknown')

function collectionItems(want: CollectionState, have: CollectionState | undefined): PlanItem[] {
  const items: PlanItem[] = []
  const name = want.name
  items.push(
    have
      ? { resource: `collection ${name}`, action: 'unchanged', details: [] }
      : { resource: `collection ${name}`, action: 'create', details: [], apply: (p) => p.createCollection(name) },
  )
  for (const ix of want.indexes) {
    const cur = have?.indexes.find((x) => x.name === ix.name)
    const resource = `index ${name}.${ix.name}`
    if (!cur) items.push({ resource, action: 'create', details: [keysText(ix)], apply: (p) => p.updateIndexes(name, { create: [ix], drop: [] }) })
    else if (!sameIndex(ix, cur))
      // CloudBase cannot alter an index: drop it and create it again under the same name
      items.push({ resource, action: 'update', details: [`${keysText(cur)} → ${keysText(ix)}`], apply: (p) => p.updateIndexes(name, { create: [ix], drop: [ix.name] }) })
    else items.push({ resource, action: 'unchanged', details: [keysText(ix)] })
  }
  for (const ix of have?.indexes ?? []) {
    if (ix.name === '_id_' || want.indexes.some((x) => x.name === ix.name)) continue
    items.push({ resource: `index ${name}.${ix.name}`, action: 'extra', details: [`${keysText(ix)} — not in database/${name}.json; kept`] })
  }
  const rules = want.rules ?? { read: false, write: false }
  if (json(have?.rules) === json(rules)) items.push({ resource: `rules ${name}`, action: 'unchanged', details: [json(rules)] })
  else items.push({ resource: `rules ${name}`, action: have?.rules ? 'update' : 'create', details: [`${have?.rules ? `${json(have.rules)} → ` : ''}${json(rules)}`], apply: (p) => p.setRules(name, rules) })
  return items
}

function envDetails(want: Record<string, string>, have: Record<string, string>): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(want)) {
    if (!(k in have)) out.push(`+ ${k}=${mask(k, v)}`)
    else if (have[k] !== v) out.push(`~ ${k}=${mask(k, have[k])} → ${mask(k, v)}`)
  }
  for (const k of Object.keys(have)) if (!(k in want)) out.push(`- ${k} (not declared: removed)`)
  return out
}

function functionItems(want: DesiredFunction, have: FunctionState | undefined, canOpenApi: boolean): PlanItem[] {
  const items: PlanItem[] = []
  const name = want.name
  if (!have) {
    items.push({
      resource: `function ${name}`,
      action: 'create',
      details: [`${want.runtime}, ${want.timeout} s, ${want.memorySize} MB, code ${short(want.codeSha256)}, dependencies installed by CloudBase`],
      apply: (p) => p.createFunction(want),
    })
  } else {
    const details: string[] = []
    if (have.runtime !== want.runtime) details.push(`runtime ${have.runtime} → ${want.runtime}`)
    if (have.codeSha256 !== want.codeSha256) details.push(`code ${short(have.codeSha256)} → ${short(want.codeSha256)}`)
    if (have.timeout !== want.timeout) details.push(`timeout ${have.timeout} → ${want.timeout} s`)
    if (have.memorySize !== want.memorySize) details.push(`memory ${have.memorySize} → ${want.memorySize} MB`)
    if (have.runtime !== want.runtime) {
      items.push({
        resource: `function ${name}`,
        action: 'manual',
        details: [...details, `CloudBase sets a runtime only when it creates a function: delete ${name} in the console (云函数 → 删除), then deploy again`],
      })
    } else if (details.length) {
      const code = have.codeSha256 !== want.codeSha256
      const config = have.timeout !== want.timeout || have.memorySize !== want.memorySize
      items.push({
        resource: `function ${name}`,
        action: 'update',
        details,
        apply: async (p) => {
          if (code) await p.updateFunctionCode(want)
          if (config) await p.updateFunctionConfig(name, { timeout: want.timeout, memorySize: want.memorySize })
        },
      })
    } else items.push({ resource: `function ${name}`, action: 'unchanged', details: [`code ${short(want.codeSha256)}`] })
  }

  const env = envDetails(want.envVariables, have?.envVariables ?? {})
  const envCount = Object.keys(want.envVariables).length
  if (env.length) items.push({ resource: `env ${name}`, action: have && Object.keys(have.envVariables).length ? 'update' : 'create', details: env, apply: (p) => p.setFunctionEnv(name, want.envVariables) })
  else if (envCount) items.push({ resource: `env ${name}`, action: 'unchanged', details: [`${envCount} variable(s)`] })

  for (const t of want.triggers) {
    const cur = have?.triggers.find((x) => x.name === t.name)
    const resource = `trigger ${name}.${t.name}`
    if (!cur) items.push({ resource, action: 'create', details: [`${t.type} ${t.config}`], apply: (p) => p.createTrigger(name, t) })
    else if (cur.type !== t.type || cur.config !== t.config)
      items.push({
        resource,
        action: 'update',
        details: [`${cur.type} ${cur.config} → ${t.type} ${t.config}`],
        apply: async (p) => {
          await p.deleteTrigger(name, t.name)
          await p.createTrigger(name, t)
        },
      })
    else items.push({ resource, action: 'unchanged', details: [`${t.type} ${t.config}`] })
  }
  for (const t of have?.triggers ?? []) {
    if (!want.triggers.some((x) => x.name === t.name)) items.push({ resource: `trigger ${name}.${t.name}`, action: 'extra', details: [`${t.type} ${t.config} — not in config.json; kept`] })
  }

  if (want.openapi.length) {
    const resource = `openapi ${name}`
    if (!canOpenApi) items.push({ resource, action: 'manual', details: [MANUAL.openapi(name, want.openapi)] })
    else if (have && json(have.openapi) === json(want.openapi)) items.push({ resource, action: 'unchanged', details: [want.openapi.join(', ')] })
    else items.push({ resource, action: have?.openapi?.length ? 'update' : 'create', details: [want.openapi.join(', ')], apply: (p) => p.setOpenApiPermissions!(name, want.openapi) })
  }
  return items
}

/** Every resource the repository declares, against the environment. */
export function makePlan(desired: DesiredState, current: EnvironmentState, provider: Provider): PlanItem[] {
  const items: PlanItem[] = []
  for (const c of desired.collections) items.push(...collectionItems(c, current.collections.find((x) => x.name === c.name)))
  for (const c of current.collections) if (!desired.collections.some((x) => x.name === c.name)) items.push({ resource: `collection ${c.name}`, action: 'extra', details: ['not in database/; kept'] })
  for (const f of desired.functions) items.push(...functionItems(f, current.functions.find((x) => x.name === f.name), !!provider.setOpenApiPermissions))
  for (const f of current.functions) if (!desired.functions.some((x) => x.name === f.name)) items.push({ resource: `function ${f.name}`, action: 'extra', details: ['not in cloudfunctions/; kept'] })
  for (const [event, fn] of Object.entries(desired.messagePush)) {
    const resource = `message-push ${event}`
    if (!provider.setMessagePush || !current.messagePush) items.push({ resource, action: 'manual', details: [MANUAL.messagePush(event, fn)] })
    else if (current.messagePush[event] === fn) items.push({ resource, action: 'unchanged', details: [`→ ${fn}`] })
    else items.push({ resource, action: current.messagePush[event] ? 'update' : 'create', details: [`${current.messagePush[event] ? `${current.messagePush[event]} ` : ''}→ ${fn}`], apply: (p) => p.setMessagePush!(event, fn) })
  }
  if (current.storageAcl === desired.storageAcl) items.push({ resource: 'storage rule', action: 'unchanged', details: [desired.storageAcl] })
  else items.push({ resource: 'storage rule', action: current.storageAcl ? 'update' : 'create', details: [`${current.storageAcl ? `${current.storageAcl} → ` : ''}${desired.storageAcl}`], apply: (p) => p.setStorageAcl(desired.storageAcl) })
  return items
}

/** The changes a plan would make (create + update). */
export const changes = (plan: PlanItem[]) => plan.filter((i) => i.action === 'create' || i.action === 'update')

const SIGN: Record<Action, string> = { create: '+', update: '~', unchanged: '=', manual: '!', extra: '?' }

/** The plan as people read it; unchanged items are counted, not listed, unless `verbose`. */
export function formatPlan(plan: PlanItem[], opts: { verbose?: boolean } = {}): string[] {
  const lines: string[] = []
  for (const item of plan) {
    if (item.action === 'unchanged' && !opts.verbose) continue
    lines.push(`${SIGN[item.action]} ${item.action.padEnd(9)} ${item.resource}${item.details.length === 1 ? `  ${item.details[0]}` : ''}`)
    if (item.details.length > 1) for (const d of item.details) lines.push(`      ${d}`)
  }
  const count = (a: Action) => plan.filter((i) => i.action === a).length
  lines.push(
    `Plan: ${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged` +
      `${count('manual') ? `, ${count('manual')} to do by hand (!)` : ''}${count('extra') ? `, ${count('extra')} not declared (?)` : ''}.`,
  )
  return lines
}

/** Runs the plan's changes in order (collections before their indexes, functions before their triggers). */
export async function applyPlan(plan: PlanItem[], provider: Provider, log: (line: string) => void): Promise<void> {
  for (const item of changes(plan)) {
    await item.apply!(provider)
    log(`✓ ${item.action} ${item.resource}`)
  }
}
