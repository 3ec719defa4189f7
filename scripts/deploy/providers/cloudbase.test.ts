/**
 * The CloudBase provider against a fake of the manager-node calls it makes (no account is
 * reachable here): answers shaped as manager-node's types declare them (@cloudbase/manager-node
 * 5.6.5 types/), every call recorded. Proves the requests (index key schema incl. 2dsphere and
 * unique, CUSTOM rules, the runtime, only index.js + package.json uploaded, code hash in the
 * description, timer triggers) and that plan → apply → plan is empty through the same API.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { buildFunctions } from '../../build-functions'
import { DEPLOY_NODE_RUNTIME } from '../../deploy-runtime'
import { ROOT } from '../cli'
import { readDesiredState } from '../desired'
import type { DesiredState } from '../model'
import { applyPlan, changes, makePlan } from '../plan'
import { CloudBaseProvider, type ManagerNode } from './cloudbase'

jest.setTimeout(60_000)

interface Table {
  indexes: { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]
}
interface Fn {
  Runtime: string
  Timeout: number
  MemorySize: number
  InstallDependency: 'TRUE' | 'FALSE'
  Description: string
  Variables: { Key: string; Value: string }[]
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[]
  uploaded: string[]
}

/** A tiny CloudBase behind manager-node's method signatures. */
function fakeCloudBase() {
  const calls: [string, ...unknown[]][] = []
  const tables = new Map<string, Table>()
  const rules = new Map<string, string>()
  const fns = new Map<string, Fn>()
  let acl = 'READONLY'
  const rec = (name: string, ...args: unknown[]) => calls.push([name, ...args])
  const fn = (name: string) => {
    const f = fns.get(name)
    if (!f) throw Object.assign(new Error(`ResourceNotFound.Function ${name}`), { code: 'ResourceNotFound.Function' })
    return f
  }
  const app = {
    database: {
      listCollections: async (o?: { MgoLimit?: number; MgoOffset?: number }) => {
        const names = [...tables.keys()].slice(o?.MgoOffset ?? 0, (o?.MgoOffset ?? 0) + (o?.MgoLimit ?? 100))
        return { RequestId: 'r', Collections: names.map((CollectionName) => ({ CollectionName })), Pager: { Offset: 0, Limit: 100, Total: tables.size } }
      },
      describeCollection: async (name: string) => ({ RequestId: 'r', Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...tables.get(name)!.indexes] }),
      createCollection: async (name: string) => {
        rec('createCollection', name)
        tables.set(name, { indexes: [] })
      },
      updateCollection: async (name: string, info: { CreateIndexes?: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[]; DropIndexes?: { IndexName: string }[] }) => {
        rec('updateCollection', name, info)
        const t = tables.get(name)!
        t.indexes = t.indexes.filter((ix) => !info.DropIndexes?.some((d) => d.IndexName === ix.Name))
        for (const c of info.CreateIndexes ?? []) t.indexes.push({ Name: c.IndexName, Keys: c.MgoKeySchema.MgoIndexKeys, Unique: c.MgoKeySchema.MgoIsUnique })
      },
    },
    permission: {
      describeResourcePermission: async (o: { resources?: string[] }) => ({
        RequestId: 'r',
        Data: { TotalCount: 0, PermissionList: (o.resources ?? []).map((Resource) => ({ Resource, ResourceType: 'collection', Permission: rules.has(Resource) ? 'CUSTOM' : 'PRIVATE', SecurityRule: rules.get(Resource) })) },
      }),
      modifyResourcePermission: async (o: { resource?: string; permission: string; securityRule?: string }) => {
        rec('modifyResourcePermission', o)
        rules.set(o.resource!, o.securityRule!)
        return { RequestId: 'r', Data: { Success: true } }
      },
    },
    functions: {
      getFunctionList: async () => ({ RequestId: 'r', TotalCount: fns.size, Functions: [...fns.keys()].map((FunctionName) => ({ FunctionName })) }),
      getFunctionDetail: async (name: string) => {
        const f = fn(name)
        return { FunctionName: name, Runtime: f.Runtime, Timeout: f.Timeout, MemorySize: f.MemorySize, InstallDependency: f.InstallDependency, Description: f.Description, Environment: { Variables: f.Variables }, Triggers: f.Triggers }
      },
      createFunction: async (p: { func: { name: string; runtime: string; timeout: number; memorySize: number; installDependency: boolean; description: string }; functionPath: string }) => {
        rec('createFunction', p.func, readdirSync(p.functionPath).sort())
        fns.set(p.func.name, { Runtime: p.func.runtime, Timeout: p.func.timeout, MemorySize: p.func.memorySize, InstallDependency: p.func.installDependency ? 'TRUE' : 'FALSE', Description: p.func.description, Variables: [], Triggers: [], uploaded: readdirSync(p.functionPath) })
        return { RequestId: 'r' }
      },
      updateFunctionCode: async (p: { func: { name: string }; functionPath: string }) => {
        rec('updateFunctionCode', p.func.name, readdirSync(p.functionPath).sort())
        return { RequestId: 'r' }
      },
      updateFunctionConfig: async (c: { name: string; timeout?: number; memorySize?: number; description?: string; envVariables?: Record<string, string> }) => {
        rec('updateFunctionConfig', c.name, Object.keys(c).sort())
        const f = fn(c.name)
        if (c.timeout) f.Timeout = c.timeout
        if (c.memorySize) f.MemorySize = c.memorySize
        if (c.description) f.Description = c.description
        if (c.envVariables) f.Variables = Object.entries(c.envVariables).map(([Key, Value]) => ({ Key, Value }))
        return { RequestId: 'r' }
      },
      createFunctionTriggers: async (name: string, triggers: { name: string; type: string; config: string }[]) => {
        rec('createFunctionTriggers', name, triggers)
        fn(name).Triggers.push(...triggers.map((t) => ({ TriggerName: t.name, Type: t.type, TriggerDesc: t.config })))
        return { RequestId: 'r' }
      },
      deleteFunctionTrigger: async (name: string, trigger: string) => {
        rec('deleteFunctionTrigger', name, trigger)
        fn(name).Triggers = fn(name).Triggers.filter((t) => t.TriggerName !== trigger)
        return { RequestId: 'r' }
      },
    },
    storage: {
      getStorageAcl: async () => acl,
      setStorageAcl: async (a: string) => {
        rec('setStorageAcl', a)
        acl = a
        return { RequestId: 'r' }
      },
    },
  }
  return { app: app as unknown as ManagerNode, calls, tables, fns }
}

describe('CloudBase provider (manager-node, recorded)', () => {
  let desired: DesiredState
  beforeAll(async () => {
    if (readdirSync(join(ROOT, 'cloudfunctions')).some((n) => existsSync(join(ROOT, 'cloudfunctions', n, 'package.json')) && !existsSync(join(ROOT, 'cloudfunctions', n, 'index.js')))) await buildFunctions()
    desired = readDesiredState({ root: ROOT, settings: { subscribeMessages: {} }, functionSecrets: { PASS_SIGNING_KEY: 'p'.repeat(64), VOUCHER_SIGNING_KEY: 'v'.repeat(64), CHECKIN_CODE_SIGNING_KEY: 'c'.repeat(64) } }).state
  })

  it('creates everything on a new environment with the calls manager-node documents; a second plan changes nothing', async () => {
    const cb = fakeCloudBase()
    const provider = new CloudBaseProvider(cb.app, 'env-test')
    const plan = makePlan(desired, await provider.read(), provider)
    // open-API permissions and message push are manual on CloudBase: the plan says how
    expect(plan.filter((i) => i.action === 'manual').map((i) => i.resource)).toEqual(expect.arrayContaining(['openapi identity', 'message-push wxa_media_check']))
    expect(plan.find((i) => i.resource === 'openapi identity')!.details[0]).toMatch(/上传并部署/)
    await applyPlan(plan, provider, () => undefined)

    expect([...cb.tables.keys()].sort()).toEqual(desired.collections.map((c) => c.name).sort())
    const places = cb.calls.find((c) => c[0] === 'updateCollection' && c[1] === 'places' && JSON.stringify(c[2]).includes('2dsphere'))
    expect(places?.[2]).toEqual({ CreateIndexes: [{ IndexName: 'location_2dsphere', MgoKeySchema: { MgoIndexKeys: [{ Name: 'location', Direction: '2dsphere' }], MgoIsUnique: false } }] })
    const unique = desired.collections.flatMap((c) => c.indexes.filter((ix) => ix.unique).map((ix) => [c.name, ix.name]))
    expect(unique.length).toBeGreaterThan(0)
    for (const [coll, ix] of unique) expect(cb.tables.get(coll)!.indexes.find((x) => x.Name === ix)!.Unique).toBe(true)
    expect(cb.calls).toContainEqual(['modifyResourcePermission', { resourceType: 'collection', resource: 'users', permission: 'CUSTOM', securityRule: '{"read":false,"write":false}' }])

    const created = cb.calls.filter((c) => c[0] === 'createFunction')
    expect(created.map((c) => (c[1] as { name: string }).name).sort()).toEqual(desired.functions.map((f) => f.name))
    for (const c of created) {
      expect(c[1]).toMatchObject({ runtime: DEPLOY_NODE_RUNTIME, installDependency: true, handler: 'index.main', description: expect.stringMatching(/^xiaoge-station code sha256 [0-9a-f]{64}$/) })
      expect(c[2]).toEqual(['index.js', 'package.json'])
    }
    expect(cb.calls).toContainEqual(['createFunctionTriggers', 'points', [{ name: 'daily', type: 'timer', config: '0 10 0 * * * *' }]])
    expect(cb.fns.get('identity')!.Variables).toContainEqual({ Key: 'PASS_SIGNING_KEY', Value: 'p'.repeat(64) })
    expect(cb.fns.get('places')!.Variables).toEqual([])

    expect(changes(makePlan(desired, await provider.read(), provider))).toEqual([])
  })

  it('a changed index is one update (drop, then create under the same name); changed code is one update with a new hash', async () => {
    const cb = fakeCloudBase()
    const provider = new CloudBaseProvider(cb.app, 'env-test')
    await applyPlan(makePlan(desired, await provider.read(), provider), provider, () => undefined)
    cb.calls.length = 0

    const ledger = desired.collections.find((c) => c.name === 'ledger')!
    const ix = ledger.indexes[1]
    const changed: DesiredState = {
      ...desired,
      collections: desired.collections.map((c) => (c === ledger ? { ...c, indexes: c.indexes.map((x) => (x === ix ? { ...x, keys: { ...x.keys, extra: 1 as const } } : x)) } : c)),
      functions: desired.functions.map((f) => (f.name === 'user' ? { ...f, codeSha256: 'a'.repeat(64) } : f)),
    }
    const plan = changes(makePlan(changed, await provider.read(), provider))
    expect(plan.map((i) => `${i.action} ${i.resource}`)).toEqual([`update index ledger.${ix.name}`, 'update function user'])
    await applyPlan(plan, provider, () => undefined)
    expect(cb.calls.map((c) => c[0])).toEqual(['updateCollection', 'updateCollection', 'updateFunctionCode', 'updateFunctionConfig'])
    expect(cb.calls[0][2]).toEqual({ DropIndexes: [{ IndexName: ix.name }] })
    expect(cb.calls[3]).toEqual(['updateFunctionConfig', 'user', ['description', 'name']])
    expect(changes(makePlan(changed, await provider.read(), provider))).toEqual([])
  })
})
