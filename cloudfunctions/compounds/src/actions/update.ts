import type { CompoundDoc, CompoundFlagDoc } from '../../../../domain/compounds/model'
import { checkGeometry } from '../../../../domain/compounds/contract'
import { compoundView, derivedFields, withoutFlagsOn } from '../../../../domain/compounds/rules'
import { AppError } from '../../../../domain/errors'
import { writeAudit } from '../../../../server/audit'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { COMPOUNDS, COMPOUND_FLAGS } from '../../../../server/collections'
import { loadCompound, recentFlagsOf } from '../store'

const PARTS = ['gates', 'buildings', 'parking', 'lockers', 'hazards'] as const

/** 「gates: g1 改, g3 新增; buildings: b12 改」: what the audit log keeps of an edit. */
function describeChanges(before: CompoundDoc, patch: Partial<CompoundDoc>): string {
  const out: string[] = []
  for (const [key, value] of Object.entries(patch)) {
    const part = PARTS.find((p) => p === key)
    if (!part) {
      out.push(key)
      continue
    }
    const old = new Map((before[part] as { id: string }[]).map((x) => [x.id, JSON.stringify(x)]))
    const now = value as { id: string }[]
    const changed = now.filter((x) => old.get(x.id) !== JSON.stringify(x)).map((x) => (old.has(x.id) ? `${x.id} 改` : `${x.id} 新增`))
    const removed = [...old.keys()].filter((id) => !now.some((x) => x.id === id)).map((id) => `${id} 删除`)
    if (changed.length || removed.length) out.push(`${part}: ${[...changed, ...removed].join(', ')}`)
  }
  return out.join('; ')
}

/**
 * A worker edits a compound of their community: each part sent replaces the stored one whole
 * (geometry checked against the whole result, so a building cannot point at a removed gate), the
 * flags in `resolve` close as fixed and leave the live summary, in one transaction; then the audit
 * log records who changed what, in the same transaction.
 */
export const update = defineAction('compounds', 'update', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const before = await loadCompound(ctx, input.id)
    requireCommunityStaff(ctx, before.communityId)
    const patch = input.patch as Partial<CompoundDoc>
    const merged: CompoundDoc = { ...before, ...patch }
    checkGeometry(merged, {
      addIssue: (i) => {
        throw new AppError('VALIDATION', i.message, { field: ['patch', ...i.path].join('.') })
      },
    })
    const now = ctx.now()
    const _ = ctx.db.command
    const after = await runTx(ctx.db, async (t) => {
      const current = await txGet<CompoundDoc>(t, COMPOUNDS, before._id)
      if (!current) throw new AppError('NOT_FOUND', '找不到这个小区，可能已被撤销')
      const handled: CompoundFlagDoc[] = []
      for (const id of new Set(input.resolve)) {
        const f = await txGet<CompoundFlagDoc>(t, COMPOUND_FLAGS, id)
        if (!f || f.compoundId !== current._id) throw new AppError('NOT_FOUND', '找不到要处理的反馈', { field: 'resolve' })
        if (f.status === 'open') handled.push(f)
      }
      const recentFlags = withoutFlagsOn(recentFlagsOf(current), handled)
      const data: Record<string, unknown> = { updatedAt: now, updatedBy: ctx.openid, recentFlags: _.set(recentFlags) }
      for (const [key, value] of Object.entries(patch)) data[key] = value !== null && typeof value === 'object' ? _.set(value) : value
      if (patch.name !== undefined || patch.aliases !== undefined || patch.anchor !== undefined) {
        const d = derivedFields({ ...current, ...patch })
        data.searchKeys = _.set(d.searchKeys)
        data.nameLength = d.nameLength
        data.location = ctx.db.Geo.Point(d.location.coordinates[0], d.location.coordinates[1])
      }
      await t.collection(COMPOUNDS).doc(current._id).update({ data })
      for (const f of handled) await t.collection(COMPOUND_FLAGS).doc(f._id!).update({ data: { status: 'fixed', handledAt: now, handledBy: ctx.openid } })
      // the audit entry in the change's transaction: a crash cannot keep one without the other
      const changes = describeChanges(current, patch)
      await writeAudit(
        ctx,
        [{ action: 'compounds.update', subject: null, communityId: current.communityId, fields: Object.keys(patch), detail: `${current.name}（${current._id}）：${changes || '无改动'}${handled.length ? `；处理反馈 ${handled.length} 条` : ''}` }],
        t,
      )
      return { doc: { ...current, ...patch, recentFlags, updatedAt: now, updatedBy: ctx.openid } as CompoundDoc, handled: handled.length }
    })
    return compoundView(after.doc, after.doc.communityName, now)
  },
})
