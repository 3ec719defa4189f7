import { PERSONAL_COLLECTIONS, PERSONAL_DATA, type Finder } from '../../../domain/personal-data'
import type { UserDoc } from '../../../domain/entities/user'
import type { ExportSection } from '../../../domain/entities/privacy'
import type { Database } from '../../../server/cloud'
import { findById } from '../../../server/db'

/** The server SDK's largest page; an export of more than this per finder is marked truncated. */
export const FIND_PAGE = 1000

export interface Subject {
  openid: string
  /** the opaque rider id of their verification, when they ever applied */
  riderId: string | null
}

export const subjectOf = (openid: string, user: UserDoc | null): Subject => ({ openid, riderId: user?.verification?.riderId ?? null })

export interface Found {
  finder: Finder
  docs: Record<string, unknown>[]
  truncated: boolean
}

/** The documents of one collection that one finder matches for the subject (one indexed query). */
export async function findFor(db: Database, collection: string, finder: Finder, subject: Subject): Promise<Found> {
  const value = finder.of === 'riderId' ? subject.riderId : subject.openid
  if (!value) return { finder, docs: [], truncated: false }
  if (finder.field === '_id') {
    const doc = await findById<Record<string, unknown>>(db, collection, value)
    return { finder, docs: doc ? [doc] : [], truncated: false }
  }
  const res = (await db.collection(collection).where({ [finder.field]: value }).limit(FIND_PAGE).get()) as unknown as { data: Record<string, unknown>[] }
  return { finder, docs: res.data, truncated: res.data.length >= FIND_PAGE }
}

/** Every finder of every collection, in parallel: what export and 注销 work from. */
export async function findAll(db: Database, subject: Subject): Promise<Map<string, Found[]>> {
  const out = new Map<string, Found[]>()
  await Promise.all(
    PERSONAL_COLLECTIONS.map(async (c) => {
      const finders = PERSONAL_DATA[c].find as readonly Finder[]
      out.set(c, await Promise.all(finders.map((f) => findFor(db, c, f, subject))))
    }),
  )
  return out
}

// ---- JSON shaping ----

/** Dates as ISO text, everything else as is: what the export page and the JSON file show. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(plain)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  return value
}

/** A copy without the dotted path (through arrays: `timeline.actorId` drops it from every event). */
export function without(value: unknown, path: readonly string[]): unknown {
  if (!path.length || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => without(v, path))
  const [head, ...rest] = path
  const obj = { ...(value as Record<string, unknown>) }
  if (!(head in obj)) return obj
  if (rest.length) obj[head] = without(obj[head], rest)
  else delete obj[head]
  return obj
}

/** Only the dotted paths given, nested as in the document. */
export function picked(doc: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const p of paths) {
    const keys = p.split('.')
    let src: unknown = doc
    for (const k of keys) src = src && typeof src === 'object' ? (src as Record<string, unknown>)[k] : undefined
    if (src === undefined) continue
    let dst = out
    keys.slice(0, -1).forEach((k) => (dst = (dst[k] ??= {}) as Record<string, unknown>))
    dst[keys[keys.length - 1]] = src
  }
  return out
}

/** How a found document is shown to the person it was found for. */
export function shown(doc: Record<string, unknown>, finder: Finder): unknown {
  if (finder.pick) return plain(picked(doc, finder.pick))
  let out: unknown = doc
  for (const h of finder.hide ?? []) out = without(out, h.split('.'))
  return plain(out)
}

/** One export section per collection that references the subject; empty ones are left out. */
export function toSections(found: Map<string, Found[]>): ExportSection[] {
  const sections: ExportSection[] = []
  for (const c of PERSONAL_COLLECTIONS) {
    const seen = new Set<string>()
    const items: unknown[] = []
    let truncated = false
    for (const f of found.get(c) ?? []) {
      truncated ||= f.truncated
      for (const d of f.docs) {
        // one document may match two finders (a rider's own post they also acted on): shown once, as their own
        const key = String(d._id)
        if (seen.has(key)) continue
        seen.add(key)
        items.push({ as: f.finder.field, ...(shown(d, f.finder) as Record<string, unknown>) })
      }
    }
    if (items.length) sections.push({ collection: c, title: PERSONAL_DATA[c].title, count: items.length, truncated, items })
  }
  return sections
}
