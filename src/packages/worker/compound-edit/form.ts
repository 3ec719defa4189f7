/**
 * The compound editor's pure logic: a compound as the worker edits it ⇄ its view, new gates /
 * buildings / spots / lockers / hazards with fresh ids, the `compounds.update` patch (only the
 * parts that changed, each whole), and errors — the function's own schema on the phone, and the
 * function's answer — keyed by the item and field they name.
 */
import { compoundsContract } from '@domain/compounds/contract'
import type { Building, CompoundView, FriendlyItem, Gate, Hazard, Locker, Offset, ParkingSpot } from '@domain/compounds/model'
import { editableParts, type EditableParts } from '@domain/compounds/rules'
import { problemsOf } from '@domain/validation'

export const PARTS = ['gates', 'buildings', 'parking', 'lockers', 'hazards'] as const
export type Part = (typeof PARTS)[number]
export type Item = Gate | Building | ParkingSpot | Locker | Hazard

export const PART_LABELS: Record<Part | 'outline', string> = { gates: '门', buildings: '楼', parking: '泊位', lockers: '快递柜', hazards: '隐患', outline: '轮廓' }

export interface CompoundForm extends EditableParts {
  name: string
  /** as typed: separated by 、，, or spaces */
  aliases: string
  address: string
  longitude: string
  latitude: string
  outline: Offset[]
  friendly: boolean
  friendlyItems: FriendlyItem[]
}

export type FormErrors = Record<string, string>

export const fromView = (v: CompoundView): CompoundForm => ({
  name: v.name,
  aliases: v.aliases.join('、'),
  address: v.address,
  longitude: String(v.anchor.longitude),
  latitude: String(v.anchor.latitude),
  outline: v.outline.map((p) => ({ ...p })),
  ...editableParts(v),
  friendly: !!v.friendly,
  friendlyItems: v.friendly ? [...v.friendly.items] : [],
})

const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()))
export const aliasesOf = (s: string): string[] => s.split(/[、，,;；\s]+/).map((a) => a.trim()).filter(Boolean)

/** Everything the worker sets, as `compounds.update`'s patch would carry it. */
export function patchOf(f: CompoundForm) {
  return {
    name: f.name.trim(),
    aliases: aliasesOf(f.aliases),
    address: f.address.trim(),
    anchor: { longitude: num(f.longitude), latitude: num(f.latitude) },
    outline: f.outline,
    gates: f.gates,
    buildings: f.buildings,
    parking: f.parking,
    lockers: f.lockers,
    hazards: f.hazards,
    friendly: f.friendly ? { items: f.friendlyItems } : null,
  }
}

/** Only what differs from the compound as loaded: a part that changed is sent whole. */
export function changesOf(f: CompoundForm, original: CompoundForm): Partial<ReturnType<typeof patchOf>> {
  const next = patchOf(f)
  const before = patchOf(original) as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(next)) if (JSON.stringify(v) !== JSON.stringify(before[k])) out[k] = v
  return out
}

/** The next free id of a part: g1, g2 … (ids stay stable, so flags and audit rows keep pointing at the same thing). */
export function nextId(rows: readonly { id: string }[], prefix: string): string {
  const used = rows.map((r) => (r.id.startsWith(prefix) ? parseInt(r.id.slice(prefix.length), 10) : 0)).filter(Number.isFinite)
  return `${prefix}${Math.max(0, ...used) + 1}`
}

/** A new item of a part at a point, with what most compounds have (the worker changes the rest). */
export function newItem(f: CompoundForm, part: Part, at: Offset): Item {
  switch (part) {
    case 'gates': {
      const id = nextId(f.gates, 'g')
      return { id, name: `${id.slice(1)} 号门`, at, riderAllowed: true, hours: { always: true }, entry: 'scanPass', note: null }
    }
    case 'buildings': {
      const nos = f.buildings.map((b) => parseInt(b.no, 10)).filter(Number.isFinite)
      return { id: nextId(f.buildings, 'b'), no: String(Math.max(0, ...nos) + 1), units: 1, at, gateId: f.gates[0]?.id ?? '', path: [], lift: false, floors: 6 }
    }
    case 'parking':
      return { id: nextId(f.parking, 'p'), name: '骑手泊位', at, capacity: null, note: null }
    case 'lockers':
      return { id: nextId(f.lockers, 'k'), name: '快递柜', at }
    case 'hazards':
      return { id: nextId(f.hazards, 'h'), text: '注意安全', at }
  }
}

export const withItem = (f: CompoundForm, part: Part, i: number, item: Item): CompoundForm => ({ ...f, [part]: (f[part] as Item[]).map((x, j) => (j === i ? item : x)) })
export const addItem = (f: CompoundForm, part: Part, item: Item): CompoundForm => ({ ...f, [part]: [...(f[part] as Item[]), item] })
/** Removes an item; buildings that used a removed gate move to the first gate left (the server would refuse them otherwise). */
export function removeItem(f: CompoundForm, part: Part, i: number): CompoundForm {
  const next = { ...f, [part]: (f[part] as Item[]).filter((_, j) => j !== i) } as CompoundForm
  if (part !== 'gates') return next
  const gone = f.gates[i].id
  return { ...next, buildings: next.buildings.map((b) => (b.gateId === gone ? { ...b, gateId: next.gates[0]?.id ?? '' } : b)) }
}

/**
 * Where a problem is shown: `gates.0.at` for 「门的位置」 of the first gate (x and y share one row),
 * `gates.0.hours.2` for Wednesday's ranges, `name` for 小区名称; from a schema path or a server
 * error's field (`patch.buildings.1.at.x`).
 */
export function formKeyOf(field: string | undefined): string {
  if (!field) return 'form'
  const p = field.split('.').filter((x, i) => !(i === 0 && x === 'patch'))
  if (!p.length) return 'form'
  if (p[0] === 'anchor') return 'anchor'
  if (p[0] === 'friendly') return 'friendly'
  if (p[0] === 'outline') return 'outline'
  if ((PARTS as readonly string[]).includes(p[0]) && p.length >= 3) {
    const [part, i, key] = p
    if (key === 'hours') return p[3] === 'week' && p[4] !== undefined ? `${part}.${i}.hours.${p[4]}` : `${part}.${i}.hours`
    return `${part}.${i}.${key}`
  }
  return p[0]
}

/**
 * The errors of what would be sent, as the function would find them (its own schema), keyed for the
 * form. Gates and buildings go together (a building names its gate), as the function checks them;
 * a part not touched is not checked (a compound just created has none yet, and may be renamed first).
 */
export function validate(f: CompoundForm, original: CompoundForm, id: string): FormErrors {
  const patch: Record<string, unknown> = changesOf(f, original)
  if (!Object.keys(patch).length) return {}
  if (patch.gates || patch.buildings) Object.assign(patch, { gates: f.gates, buildings: f.buildings })
  const out: FormErrors = {}
  for (const [field, message] of Object.entries(problemsOf(compoundsContract.update.input, { id, patch }))) {
    const key = formKeyOf(field)
    if (!(key in out)) out[key] = message
  }
  return out
}

/** The first item a set of errors names (to open it), e.g. { part: 'buildings', index: 1 }. */
export function firstItemOf(errors: FormErrors): { part: Part; index: number } | null {
  for (const key of Object.keys(errors)) {
    const [part, i] = key.split('.')
    if ((PARTS as readonly string[]).includes(part) && /^\d+$/.test(i ?? '')) return { part: part as Part, index: Number(i) }
  }
  return null
}
