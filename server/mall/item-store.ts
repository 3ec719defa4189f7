/**
 * Writing items, shared by the two sides that offer them: approved merchants (`merchant.*Item`)
 * and community staff for district items (`mall.*Item`). Who may touch which item is decided by
 * the caller; everything here checks content, keeps photos' check states and changes stock only
 * in transactions.
 */
import type { ItemPhoto, ItemValues, ManagedItemView, MallItemDoc } from '../../domain/mall/model'
import { suspendedMessage, type MerchantDoc } from '../../domain/merchant/model'
import { AppError } from '../../domain/errors'
import type { ActionContext } from '../context'
import { CHECK_URL_SECONDS, checkText, requestImageChecks } from '../content-check'
import { deleteFiles, tempUrls } from '../files'
import { requireOwnImage, uploadDirOf } from '../uploads'
import { runTx, txGet } from '../tx'
import { toItemView } from './views'
import { MALL_ITEMS, MERCHANTS } from '../collections'

/** Where the caller uploads item photos: named by an opaque id, as the photos' URLs are public (issue 14). */
export const itemPhotoDir = (openid: string) => uploadDirOf('mall-items', openid)

/** Owners and staff see photos (also unchecked ones) through 10-minute URLs. */
const MANAGE_URL_SECONDS = 600

/** Where an item is redeemed and who supervises it. */
export interface ItemHome {
  merchantId: string | null
  communityId: string
  placeId: string | null
  placeName: string | null
  location: [number, number] | null
}

export type ItemPatch = Partial<ItemValues & { status: 'on' | 'off' }> & Partial<Pick<ItemHome, 'placeId' | 'placeName' | 'location'>>

const newItemId = () => `i-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/**
 * msgSecCheck on the title and description: risky → CONTENT_REJECTED (nothing written). `review`
 * holds a merchant's item for a worker; staff are the people who would review, so theirs passes.
 */
async function textFlagged(ctx: ActionContext, title: string, description: string, byStaff: boolean): Promise<boolean> {
  const suggest = await checkText(`${title}\n${description}`, ctx.openid, 1)
  if (suggest === 'risky') throw new AppError('CONTENT_REJECTED', '兑换品的名称或说明未通过内容安全检查，请修改后再提交')
  return suggest === 'review' && !byStaff
}

/**
 * New photos must be the caller's own uploads, existing, and JPEG/PNG/WebP by their bytes, as every
 * other upload (issue 14; requireOwnImage). Answers the new ones' URLs for the image check ('' = the
 * file went missing since).
 */
async function newPhotoUrls(ctx: ActionContext, photos: string[], existing: ItemPhoto[]): Promise<Map<string, string>> {
  const known = new Set(existing.map((p) => p.fileID))
  const added = photos.filter((id) => !known.has(id))
  for (const id of added) await requireOwnImage(id, 'mall-items', ctx.openid, 'photos', '图片须由你本人上传')
  return tempUrls(added, CHECK_URL_SECONDS)
}

/** The photo list for `photos`, keeping the check state of those already on the item. */
const mergePhotos = (photos: string[], existing: ItemPhoto[], urls: Map<string, string>): ItemPhoto[] =>
  photos.map((fileID) => existing.find((p) => p.fileID === fileID) ?? { fileID, check: urls.get(fileID) ? 'pending' : 'rejected' })

/** Starts the image check of every photo that just became pending (`urls`: from newPhotoUrls). */
async function checkNewPhotos(ctx: ActionContext, item: MallItemDoc, before: ItemPhoto[], urls: Map<string, string>): Promise<void> {
  const fresh = item.photos.filter((p) => p.check === 'pending' && !before.some((b) => b.fileID === p.fileID)).map((p) => p.fileID)
  await requestImageChecks(ctx.db, fresh, urls, { collection: MALL_ITEMS, docId: item._id, field: 'photos' }, ctx.openid, ctx.now())
}

export async function toManagedView(doc: MallItemDoc): Promise<ManagedItemView> {
  return (await toManagedViews([doc]))[0]
}

/** One storage call for all photos of all the items. */
export async function toManagedViews(docs: MallItemDoc[]): Promise<ManagedItemView[]> {
  const urls = await tempUrls(
    docs.flatMap((d) => d.photos.map((p) => p.fileID)),
    MANAGE_URL_SECONDS,
  )
  return docs.map((d) => {
    const photos = d.photos.map((p) => ({ ...p, url: urls.get(p.fileID) ?? '' }))
    return {
      ...toItemView(d),
      coverUrl: photos.find((p) => p.check === 'pass')?.url || null,
      photos,
      stockTotal: d.stockTotal,
      redeemed: d.stockTotal - d.stock,
      contentFlagged: d.contentFlagged,
      takenDownReason: d.takenDownReason,
    }
  })
}

export async function createItem(ctx: ActionContext, input: ItemValues & { stock: number }, home: ItemHome, byStaff: boolean): Promise<ManagedItemView> {
  const flagged = await textFlagged(ctx, input.title, input.description, byStaff)
  const urls = await newPhotoUrls(ctx, input.photos, [])
  const now = ctx.now()
  const doc: MallItemDoc = {
    _id: newItemId(),
    title: input.title,
    description: input.description,
    photos: mergePhotos(input.photos, [], urls),
    price: input.price,
    stock: input.stock,
    stockTotal: input.stock,
    limit: input.limit,
    validDays: input.validDays,
    ...home,
    status: 'on',
    contentFlagged: flagged,
    takenDownReason: null,
    createdBy: ctx.openid,
    createdAt: now,
    updatedAt: now,
  }
  await ctx.db.collection(MALL_ITEMS).add({ data: doc as unknown as Record<string, unknown> })
  await checkNewPhotos(ctx, doc, [], urls)
  return toManagedView(doc)
}

/**
 * Changes an item. Text is checked again (and a worker's take-down is lifted by new text); photos
 * keep their check states, new ones are checked, removed ones are deleted. The write is a
 * transaction on the item so a photo verdict arriving meanwhile is not overwritten.
 *
 * A merchant's item put on sale: the merchant is read in the same transaction, and written
 * (`itemOnSaleAt`). The caller checked the merchant before, but a suspension can land in between,
 * and its take-down of items on sale (merchant.setSuspended's syncItems) does not see an item that
 * is still off; a transaction's reads are a snapshot and only two writes of one document conflict,
 * so the write to the merchant makes this edit and a suspension exclude each other: the later one
 * retries and sees the other (the edit is refused, or the take-down finds the item on). A status
 * the merchant sets clears `offBySuspension`: their own choice is what reinstatement must keep.
 */
export async function updateItem(ctx: ActionContext, item: MallItemDoc, patch: ItemPatch, byStaff: boolean): Promise<ManagedItemView> {
  const textChanged = patch.title !== undefined || patch.description !== undefined
  const flagged = textChanged ? await textFlagged(ctx, patch.title ?? item.title, patch.description ?? item.description, byStaff) : null
  if (!textChanged && patch.status === 'on' && item.takenDownReason) {
    throw new AppError('CONFLICT', `这件兑换品已被社区下架（${item.takenDownReason}），请修改名称或说明后再上架`)
  }
  const urls = patch.photos ? await newPhotoUrls(ctx, patch.photos, item.photos) : new Map<string, string>()
  const now = ctx.now()
  const { before, after } = await runTx(ctx.db, async (t) => {
    const current = await txGet<MallItemDoc>(t, MALL_ITEMS, item._id)
    if (!current) throw new AppError('NOT_FOUND', '找不到这个兑换品')
    const { photos, ...rest } = patch
    if (current.merchantId && patch.status === 'on') {
      const merchant = await txGet<MerchantDoc>(t, MERCHANTS, current.merchantId)
      if (merchant?.status === 'suspended') throw new AppError('FORBIDDEN', suspendedMessage(merchant))
      if (merchant) await t.collection(MERCHANTS).doc(merchant._id).update({ data: { itemOnSaleAt: now } })
    }
    const data: Partial<MallItemDoc> = { ...rest, updatedAt: now }
    if (patch.status) data.offBySuspension = false
    if (photos) data.photos = mergePhotos(photos, current.photos, urls)
    if (flagged !== null) Object.assign(data, { contentFlagged: flagged, takenDownReason: null })
    await t.collection(MALL_ITEMS).doc(item._id).update({ data: data as Record<string, unknown> })
    return { before: current.photos, after: { ...current, ...data } as MallItemDoc }
  })
  await checkNewPhotos(ctx, after, before, urls)
  await deleteFiles(before.filter((p) => !after.photos.some((a) => a.fileID === p.fileID)).map((p) => p.fileID))
  return toManagedView(after)
}

/** Sets the stock left; stockTotal moves by the same amount (transaction on the item only). */
export async function setItemStock(ctx: ActionContext, id: string, stock: number): Promise<ManagedItemView> {
  const now = ctx.now()
  const doc = await runTx(ctx.db, async (t) => {
    const item = await txGet<MallItemDoc>(t, MALL_ITEMS, id)
    if (!item) throw new AppError('NOT_FOUND', '找不到这个兑换品')
    const stockTotal = item.stockTotal + (stock - item.stock)
    await t.collection(MALL_ITEMS).doc(item._id).update({ data: { stock, stockTotal, updatedAt: now } })
    return { ...item, stock, stockTotal }
  })
  return toManagedView(doc)
}
