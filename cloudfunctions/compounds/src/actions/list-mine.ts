import { ENTRY_METHOD_GUIDE, ENTRY_METHOD_LABELS, type CompoundDoc, type ManagedCompound } from '../../../../domain/compounds/model'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS, staffListFilter } from '../../../../server/scope'
import { COMPOUNDS, COMPOUND_FLAGS } from '../../../../server/collections'

/**
 * The compounds of the caller's communities (the pass-check page's gate picker, the worker's list),
 * with each gate's rule for the guard and the number of open flags. DB: 2 reads.
 */
export const listMine = defineAction('compounds', 'listMine', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const filter = staffListFilter(ctx, input.communityId)
    if (!filter) return []
    const [res, flags] = await Promise.all([
      ctx.db.collection(COMPOUNDS).where({ ...filter, status: 'active' }).field({ name: true, communityId: true, gates: true, buildings: true }).orderBy('communityId', 'asc').orderBy('name', 'asc').limit(100).get() as unknown as Promise<{ data: CompoundDoc[] }>,
      ctx.db.collection(COMPOUND_FLAGS).where({ ...filter, status: 'open' }).field({ compoundId: true }).orderBy('at', 'desc').limit(1000).get() as unknown as Promise<{ data: { compoundId: string }[] }>,
    ])
    const open = new Map<string, number>()
    for (const f of flags.data) open.set(f.compoundId, (open.get(f.compoundId) ?? 0) + 1)
    return res.data.map(
      (c): ManagedCompound => ({
        id: c._id,
        name: c.name,
        communityId: c.communityId,
        buildings: c.buildings.length,
        gates: c.gates.map((g) => ({ id: g.id, name: g.name, entry: g.entry, entryLabel: ENTRY_METHOD_LABELS[g.entry], guide: ENTRY_METHOD_GUIDE[g.entry], riderAllowed: g.riderAllowed })),
        openFlags: open.get(c._id) ?? 0,
      }),
    )
  },
})
