/**
 * The place management form's pure logic: form state ⇄ PlaceDetail, form → `places.create` input or
 * `places.update` patch, and validation with the functions' own schema (so the form and the server
 * agree), with errors keyed by form field and written for the worker.
 */
import type * as z from 'zod/mini'
import type { Amenity, PlaceDetail, PlaceKind, StationLevel } from '@domain/places/model'
import { createPlaceInput } from '@domain/places/contract'
import type { OpeningHours, TimeRange } from '@domain/places/opening-hours'
import { defaultWeek } from '@/components/HoursEditor/week'

export { addRange, copyDayToAll, isOvernight, removeRange, setRange } from '@/components/HoursEditor/week'

export interface PlaceForm {
  communityId: string
  kind: PlaceKind
  level: StationLevel | null
  name: string
  address: string
  /** text, as typed or picked (decimal degrees, GCJ-02) */
  longitude: string
  latitude: string
  amenities: Amenity[]
  always: boolean
  /** Monday … Sunday; an empty day is a rest day */
  week: TimeRange[][]
  phone: string
  person: string
  discount: string
  description: string
}

/** The form's fields that carry an error message. `hours.<day>` for one weekday's ranges. */
export type FieldErrors = Partial<Record<string, string>>


export function emptyForm(communityId: string, at?: { longitude: number; latitude: number }): PlaceForm {
  return {
    communityId,
    kind: 'station',
    level: 'C',
    name: '',
    address: '',
    longitude: at ? String(at.longitude) : '',
    latitude: at ? String(at.latitude) : '',
    amenities: [],
    always: false,
    week: defaultWeek(),
    phone: '',
    person: '',
    discount: '',
    description: '',
  }
}

export function fromDetail(d: PlaceDetail): PlaceForm {
  return {
    communityId: d.communityId,
    kind: d.kind,
    level: d.level,
    name: d.name,
    address: d.address,
    longitude: String(d.location[0]),
    latitude: String(d.location[1]),
    amenities: [...d.amenities],
    always: d.hours.always,
    week: d.hours.always ? defaultWeek() : d.hours.week.map((day) => day.map((r) => ({ ...r }))),
    phone: d.contact.phone ?? '',
    person: d.contact.person ?? '',
    discount: d.discount ?? '',
    description: d.description ?? '',
  }
}

/** Kind change: stations need a level, other kinds have none. */
export function withKind(f: PlaceForm, kind: PlaceKind): PlaceForm {
  return { ...f, kind, level: kind === 'station' ? (f.level ?? 'C') : null }
}

export const toggleAmenity = (f: PlaceForm, a: Amenity): PlaceForm => ({
  ...f,
  amenities: f.amenities.includes(a) ? f.amenities.filter((x) => x !== a) : [...f.amenities, a],
})

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim()))
const orNull = (s: string): string | null => (s.trim() ? s.trim() : null)

export const hoursOf = (f: PlaceForm): OpeningHours => (f.always ? { always: true } : { always: false, week: f.week })

/** The `places.create` input (not yet validated). */
export function toCreateInput(f: PlaceForm) {
  const contact: { phone?: string; person?: string } = {}
  if (f.phone.trim()) contact.phone = f.phone.trim()
  if (f.person.trim()) contact.person = f.person.trim()
  return {
    communityId: f.communityId,
    kind: f.kind,
    name: f.name.trim(),
    address: f.address.trim(),
    location: { longitude: num(f.longitude), latitude: num(f.latitude) },
    level: f.kind === 'station' ? f.level : null,
    amenities: f.amenities,
    hours: hoursOf(f),
    contact,
    discount: orNull(f.discount),
    description: orNull(f.description),
  }
}

type CreateInput = ReturnType<typeof toCreateInput>
const PATCH_KEYS = ['name', 'address', 'location', 'level', 'amenities', 'hours', 'contact', 'discount', 'description'] as const
type PatchKey = (typeof PATCH_KEYS)[number]

/** The `places.update` patch: only what differs from the place as loaded (kind and community never change). */
export function toPatch(f: PlaceForm, original: PlaceDetail): Partial<Pick<CreateInput, PatchKey>> {
  const next = toCreateInput(f)
  const before = toCreateInput(fromDetail(original))
  const patch: Record<string, unknown> = {}
  for (const k of PATCH_KEYS) {
    if (JSON.stringify(next[k]) !== JSON.stringify(before[k])) patch[k] = next[k]
  }
  // an amenity set in another order is the same set
  if (patch.amenities && [...next.amenities].sort().join() === [...before.amenities].sort().join()) delete patch.amenities
  return patch as Partial<Pick<CreateInput, PatchKey>>
}

const FIELD_LABEL_LIMITS: Record<string, string> = {
  name: '名称',
  address: '地址',
  discount: '骑手优惠',
  description: '介绍',
  person: '联系人',
}

/** A form field for a schema path (or a server error's `field`, e.g. `patch.level`, `location.longitude`). */
export function formFieldOf(path: readonly (string | number)[] | string | undefined): string | undefined {
  if (path === undefined) return undefined
  const p = (typeof path === 'string' ? path.split('.') : path.map(String)).filter((x) => x !== 'patch')
  if (!p.length) return undefined
  if (p[0] === 'location' || p[0] === 'longitude' || p[0] === 'latitude') return 'location'
  if (p[0] === 'contact') return p[1] === 'person' ? 'person' : 'phone'
  if (p[0] === 'hours') return p[1] === 'week' && p[2] !== undefined ? `hours.${p[2]}` : 'hours'
  return p[0]
}

function messageOf(issue: z.core.$ZodIssue, field: string): string {
  if (issue.message && !/^(Invalid|Too|Unrecognized|Expected)/.test(issue.message)) return issue.message
  const label = FIELD_LABEL_LIMITS[field] ?? ''
  if (issue.code === 'too_small' && issue.origin === 'string') return issue.minimum === 1 ? `请填写${label}` : `${label}至少 ${issue.minimum} 个字`
  if (issue.code === 'too_big' && issue.origin === 'string') return `${label}最多 ${issue.maximum} 个字`
  if (field === 'location') return '请选择位置，或填写正确的经纬度（经度 -180～180，纬度 -90～90）'
  if (field === 'communityId') return '请选择社区'
  if (field === 'level') return '驿站需要选择 A/B/C 等级'
  return '填写有误，请检查'
}

/** Errors by form field (first error of each field); empty when the form can be sent. */
export function validate(f: PlaceForm): FieldErrors {
  const errors: FieldErrors = {}
  if (!f.communityId) errors.communityId = '请选择社区'
  if (!Number.isFinite(num(f.longitude)) || !Number.isFinite(num(f.latitude))) errors.location = '请选择位置，或填写经纬度'
  const r = createPlaceInput.safeParse(toCreateInput(f))
  if (!r.success) {
    for (const issue of r.error.issues) {
      const field = formFieldOf(issue.path as (string | number)[]) ?? 'form'
      if (!errors[field]) errors[field] = messageOf(issue, field)
    }
  }
  return errors
}
