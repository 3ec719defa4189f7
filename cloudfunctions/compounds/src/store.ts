import { AppError } from '../../../domain/errors'
import type { CompoundDoc, CompoundFlagDoc, FlagView, RecentFlag } from '../../../domain/compounds/model'
import { FLAG_KIND_LABELS } from '../../../domain/compounds/model'
import type { ActionContext } from '../../../server/context'
import { findById } from '../../../server/db'
import { COMPOUNDS } from '../../../server/collections'

/** A compound riders can see, or NOT_FOUND. */
export async function loadCompound(ctx: ActionContext, id: string): Promise<CompoundDoc> {
  const doc = await findById<CompoundDoc>(ctx.db, COMPOUNDS, id)
  if (!doc || doc.status !== 'active') throw new AppError('NOT_FOUND', '找不到这个小区，可能已被撤销')
  return doc
}

export const flagView = (f: CompoundFlagDoc & { _id: string }): FlagView => ({
  id: f._id,
  compoundId: f.compoundId,
  compoundName: f.compoundName,
  communityId: f.communityId,
  target: f.target,
  targetId: f.targetId,
  targetLabel: f.targetLabel,
  kind: f.kind,
  label: FLAG_KIND_LABELS[f.kind],
  note: f.note,
  status: f.status,
  at: new Date(f.at).toISOString(),
})

/** Dates of the stored summary as Date (a document read back through the SDK already has them). */
export const recentFlagsOf = (doc: CompoundDoc): RecentFlag[] => (doc.recentFlags ?? []).map((f) => ({ ...f, at: new Date(f.at) }))
