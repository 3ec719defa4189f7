import type { Database } from '../../../server/cloud'

/** A page of a query: CloudBase answers at most 1,000 documents a `get`. */
export const PAGE = 1000

/**
 * Every document matching `where`, in `orderBy` order, a page at a time: for the timer and the
 * roll-up reads, whose sizes are bounded by a day's events or by days × communities.
 */
export async function readAll<T>(db: Database, collection: string, where: Record<string, unknown>, orderBy: string, field?: Record<string, boolean>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    let q = db.collection(collection).where(where).orderBy(orderBy, 'asc')
    if (skip) q = q.skip(skip)
    q = q.limit(PAGE)
    if (field) q = q.field(field)
    const page = ((await q.get()) as unknown as { data: T[] }).data
    out.push(...page)
    if (page.length < PAGE) return out
  }
}
