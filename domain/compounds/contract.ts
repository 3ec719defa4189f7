import * as z from 'zod/mini'
import { action } from '../action'
import { communityId, DOC_ID, docId, latitude, longitude, plainText } from '../schemas'
import { openingHours } from '../places/hours-schema'
import {
  ENTRY_METHODS,
  FLAG_KINDS,
  FLAG_KIND_OF,
  FLAG_STATUSES,
  FLAG_TARGETS,
  FRIENDLY_ITEMS,
  type CompoundView,
  type EntryResult,
  type FlagView,
  type ManagedCompound,
  type NearbyCompound,
  type SearchResult,
} from './model'

/** A compound spans at most this far from its anchor (metres): the largest 小区 are ~1 km across. */
export const MAX_OFFSET_M = 2000
export const MAX_GATES = 8
export const MAX_BUILDINGS = 400
export const MAX_PARKING = 20
export const MAX_OUTLINE_POINTS = 64
export const NEARBY_RADIUS_M = 3000

export const compoundId = docId('小区')
const partId = z.string().check(z.regex(/^[a-z][a-z0-9]{0,15}$/, { error: '编号只能是小写字母开头的字母和数字' }))

const metres = (axis: string) =>
  z.number({ error: `${axis}应为数字（米）` }).check(z.refine(Number.isFinite, { error: `${axis}应为数字（米）` }), z.refine((v) => Math.abs(v) <= MAX_OFFSET_M, { error: `${axis}超出小区范围（距锚点不超过 ${MAX_OFFSET_M} 米）` }))

/** metres east (x) and north (y) of the compound's anchor */
export const offset = z.strictObject({ x: metres('东西向位置 x'), y: metres('南北向位置 y') })

export const gateSchema = z.strictObject({
  id: partId.check(z.describe('门编号')),
  name: plainText(2, 20).check(z.describe('门的名称')),
  at: offset.check(z.describe('门的位置')),
  riderAllowed: z.boolean({ error: '请选择骑手能否通行' }),
  hours: openingHours.check(z.describe('开放时间')),
  entry: z.enum(ENTRY_METHODS, { error: '请选择进门方式' }),
  note: z.nullable(plainText(2, 60)).check(z.describe('门的说明')),
})

export const buildingSchema = z.strictObject({
  id: partId.check(z.describe('楼编号')),
  no: z.string().check(z.trim(), z.regex(/^\d{1,4}[A-Z]?$/, { error: '楼号应为数字，可带一个大写字母（如 12、3A）' }), z.describe('楼号')),
  units: z.int().check(z.gte(1, { error: '单元数至少为 1' }), z.lte(20, { error: '单元数最多 20' })),
  at: offset.check(z.describe('楼的位置')),
  gateId: partId.check(z.describe('最近的门')),
  path: z.array(offset).check(z.maxLength(8, { error: '路线最多 8 个拐点' }), z.describe('从门到楼的路线')),
  lift: z.boolean({ error: '请选择有无电梯' }),
  floors: z.int().check(z.gte(1, { error: '楼层至少为 1' }), z.lte(60, { error: '楼层最多 60' })),
})

export const parkingSchema = z.strictObject({
  id: partId.check(z.describe('泊位编号')),
  name: plainText(2, 20).check(z.describe('泊位名称')),
  at: offset.check(z.describe('泊位位置')),
  capacity: z.nullable(z.int().check(z.gte(1), z.lte(500))).check(z.describe('车位数')),
  note: z.nullable(plainText(2, 60)).check(z.describe('泊位说明')),
})

const lockerSchema = z.strictObject({ id: partId.check(z.describe('快递柜编号')), name: plainText(2, 20).check(z.describe('快递柜名称')), at: offset.check(z.describe('快递柜位置')) })
const hazardSchema = z.strictObject({ id: partId.check(z.describe('隐患编号')), text: plainText(2, 40).check(z.describe('隐患说明')), at: offset.check(z.describe('隐患位置')) })

const unique = <T>(items: readonly T[], key: (t: T) => string) => {
  const seen = new Set<string>()
  return items.findIndex((t) => {
    const k = key(t)
    if (seen.has(k)) return true
    seen.add(k)
    return false
  })
}

/** Everything a worker sets on a compound (no defaults: a patch sends only what changes); cross-checks name the item at fault. */
const compoundShape = {
  name: plainText(2, 30).check(z.describe('小区名称')),
  aliases: z.array(plainText(1, 30).check(z.describe('别名'))).check(z.maxLength(8, { error: '别名最多 8 个' })),
  address: plainText(2, 80).check(z.describe('地址')),
  anchor: z.strictObject({ longitude, latitude }).check(z.describe('小区锚点（GCJ-02）')),
  // optional: without one the schematic frames the gates and buildings
  outline: z
    .array(offset)
    .check(
      z.maxLength(MAX_OUTLINE_POINTS, { error: `小区轮廓最多 ${MAX_OUTLINE_POINTS} 个点` }),
      z.refine((o) => o.length === 0 || o.length >= 3, { error: '小区轮廓至少需要 3 个点（不画轮廓可留空）' }),
      z.describe('小区轮廓'),
    ),
  gates: z.array(gateSchema).check(z.minLength(1, { error: '至少需要一个门' }), z.maxLength(MAX_GATES, { error: `最多 ${MAX_GATES} 个门` })),
  buildings: z.array(buildingSchema).check(z.minLength(1, { error: '至少需要一栋楼' }), z.maxLength(MAX_BUILDINGS, { error: `最多 ${MAX_BUILDINGS} 栋楼` })),
  parking: z.array(parkingSchema).check(z.maxLength(MAX_PARKING, { error: `最多 ${MAX_PARKING} 处泊位` })),
  lockers: z.array(lockerSchema).check(z.maxLength(20)),
  hazards: z.array(hazardSchema).check(z.maxLength(20)),
  friendly: z.nullable(z.strictObject({ items: z.array(z.enum(FRIENDLY_ITEMS, { error: '不支持的「五专」项目' })).check(z.minLength(1, { error: '小哥友好小区至少有一项「五专」' }), z.maxLength(FRIENDLY_ITEMS.length)) })),
}

type Geometry = { gates?: { id: string }[]; buildings?: { id: string; no: string; gateId: string }[]; parking?: { id: string }[] }

/** Ids unique, building numbers unique, every building's gate exists: the issue with the field's path. */
export function checkGeometry(c: Geometry, ctx: { addIssue: (i: { code: 'custom'; message: string; path: (string | number)[] }) => void }): void {
  const gates = c.gates ?? []
  const buildings = c.buildings ?? []
  let i = unique(gates, (g) => g.id)
  if (i >= 0) ctx.addIssue({ code: 'custom', message: `门编号「${gates[i].id}」重复`, path: ['gates', i, 'id'] })
  i = unique(buildings, (b) => b.id)
  if (i >= 0) ctx.addIssue({ code: 'custom', message: `楼编号「${buildings[i].id}」重复`, path: ['buildings', i, 'id'] })
  i = unique(buildings, (b) => b.no.toUpperCase())
  if (i >= 0) ctx.addIssue({ code: 'custom', message: `楼号「${buildings[i].no}」重复`, path: ['buildings', i, 'no'] })
  if (c.parking) {
    i = unique(c.parking, (p) => p.id)
    if (i >= 0) ctx.addIssue({ code: 'custom', message: `泊位编号「${c.parking[i].id}」重复`, path: ['parking', i, 'id'] })
  }
  if (c.gates && c.buildings) {
    i = buildings.findIndex((b) => !gates.some((g) => g.id === b.gateId))
    if (i >= 0) ctx.addIssue({ code: 'custom', message: `${buildings[i].no} 幢的最近的门「${buildings[i].gateId}」不存在`, path: ['buildings', i, 'gateId'] })
  }
}

export const createCompoundInput = z
  .strictObject({
    communityId,
    ...compoundShape,
    aliases: z._default(compoundShape.aliases, []),
    // a worker creates the compound first (name, place) and then adds its gates and buildings in the editor
    outline: z._default(compoundShape.outline, []),
    gates: z._default(z.array(gateSchema).check(z.maxLength(MAX_GATES, { error: `最多 ${MAX_GATES} 个门` })), []),
    buildings: z._default(z.array(buildingSchema).check(z.maxLength(MAX_BUILDINGS, { error: `最多 ${MAX_BUILDINGS} 栋楼` })), []),
    parking: z._default(compoundShape.parking, []),
    lockers: z._default(compoundShape.lockers, []),
    hazards: z._default(compoundShape.hazards, []),
    friendly: z._default(compoundShape.friendly, null),
  })
  .check(z.superRefine(checkGeometry))

export const compoundPatch = z.partial(z.strictObject(compoundShape)).check(z.refine((p) => Object.keys(p).length > 0, { error: '没有要修改的内容' }))

export const flagInput = z
  .strictObject({
    compoundId,
    target: z.enum(FLAG_TARGETS, { error: '请选择反馈的门、楼、泊位、快递柜或路段' }),
    targetId: partId,
    kind: z.enum(FLAG_KINDS, { error: '不支持的反馈类型' }),
    note: z.optional(plainText(1, 100)).check(z.describe('补充说明')),
  })
  .check(z.refine((f) => FLAG_KIND_OF[f.target] === f.kind, { error: '反馈类型与对象不符', path: ['kind'] }))

export const compoundsContract = {
  /** Rider search as typed: 「金祝新村 12幢2单元」「金祝 12-2」「jzxc 12」; 1 index read + 1 compound read. */
  search: action<SearchResult>()(z.strictObject({ q: z.string().check(z.trim(), z.minLength(1, { error: '请输入小区和楼号' }), z.maxLength(40, { error: '地址最多 40 个字' })) })),
  /** One compound with its schematic (riders and staff). */
  detail: action<CompoundView>()(z.strictObject({ id: compoundId })),
  /** Compounds near a point with their 小哥友好 mark, for the 服务地图; one geo read. */
  nearby: action<NearbyCompound[]>()(
    z.strictObject({ longitude, latitude, radius: z._default(z.int().check(z.gte(100), z.lte(NEARBY_RADIUS_M)), 1500), limit: z._default(z.int().check(z.gte(1), z.lte(20)), 10) }),
  ),
  /** 「这个门关了」「楼号不对」「车停不了」「柜子满了/坏了」「坡道积水/施工」 on a gate, building, parking spot, locker or hazard. */
  flag: action<CompoundView>()(flagInput),
  // ---- community workers (their communities) and admins ----
  /** Compounds of the caller's communities, with their gates' entry rules and open flags. */
  listMine: action<ManagedCompound[]>()(z.strictObject({ communityId: z.optional(communityId) })),
  /** The flag queue, by community and status, newest first. */
  flags: action<FlagView[]>()(
    z.strictObject({ communityId: z.optional(communityId), status: z._default(z.enum(FLAG_STATUSES), 'open'), limit: z._default(z.int().check(z.gte(1), z.lte(50)), 20) }),
  ),
  create: action<CompoundView>()(createCompoundInput),
  /** Edit a compound: the parts sent are replaced whole; `resolve` closes these flags as fixed. Audited. */
  update: action<CompoundView>()(
    z.strictObject({ id: compoundId, patch: compoundPatch, resolve: z._default(z.array(z.string().check(z.regex(DOC_ID))).check(z.maxLength(50)), []) }).check(z.superRefine((u, ctx) => checkGeometry(u.patch, { addIssue: (i) => ctx.addIssue({ ...i, path: ['patch', ...i.path] }) }))),
  ),
  /** Close a flag without changing the compound (「不需修改」). */
  dismissFlag: action<FlagView>()(z.strictObject({ id: docId('反馈') })),
  /** A guard lets a rider in: one more entry at this gate today (a count only). */
  recordEntry: action<EntryResult>()(z.strictObject({ compoundId, gateId: partId })),
}
