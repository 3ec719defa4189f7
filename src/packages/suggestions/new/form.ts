import type * as z from 'zod/mini'
import type { createSuggestionInput } from '@domain/suggestions/contract'
import { MAX_TEXT, type SuggestionCategory } from '@domain/suggestions/model'

/** A picked photo while it uploads (the shape of `usePhotoUploads`' photos that the form reads). */
export interface DraftPhoto {
  fileID?: string | null
  failed?: boolean
}

/** What the 我要反映 form holds while the rider fills it in. */
export interface Draft {
  category: SuggestionCategory
  text: string
  address: string
  photos: DraftPhoto[]
  /** as typed or picked (strings, like the LocationPicker's inputs) */
  longitude: string
  latitude: string
  communityId?: string
  anonymous: boolean
}

export type DraftErrors = Partial<Record<'text' | 'location' | 'photos' | 'address' | 'communityId' | 'category', string>>

export const EMPTY_DRAFT: Draft = { category: 'safety', text: '', address: '', photos: [], longitude: '', latitude: '', anonymous: true }

const finite = (s: string) => s.trim() !== '' && Number.isFinite(Number(s))

/** Field → message for what the rider still has to fix (the function checks again). */
export function validateDraft(d: Draft): DraftErrors {
  const e: DraftErrors = {}
  const text = d.text.trim()
  if (text.length < 5) e.text = '请至少写 5 个字，说清楚问题和位置'
  else if (text.length > MAX_TEXT) e.text = `最多 ${MAX_TEXT} 个字`
  if (!finite(d.longitude) || !finite(d.latitude)) e.location = '请定位或在地图上选点'
  else {
    const lng = Number(d.longitude)
    const lat = Number(d.latitude)
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) e.location = '位置坐标不正确，请重新定位或选点'
  }
  if (d.photos.some((p) => !p.fileID && !p.failed)) e.photos = '照片还在上传，请稍候'
  const address = d.address.trim()
  if (address && address.length < 2) e.address = '具体位置至少 2 个字'
  return e
}

/** The form as the `suggestions.create` input: trimmed text, only uploaded photos, numbers, no empty address. */
export function toCreateInput(d: Draft): z.input<typeof createSuggestionInput> {
  const address = d.address.trim()
  return {
    category: d.category,
    text: d.text.trim(),
    photos: d.photos.filter((p) => p.fileID).map((p) => p.fileID!),
    location: { longitude: Number(d.longitude), latitude: Number(d.latitude) },
    ...(address ? { address } : {}),
    ...(d.communityId ? { communityId: d.communityId } : {}),
    anonymous: d.anonymous,
  }
}

/** Which form field a function's error field (`location.latitude`, `photos.2`) belongs to. */
export const fieldOf = (field: string): keyof DraftErrors | null => {
  const head = field.split('.')[0]
  return (['text', 'location', 'photos', 'address', 'communityId', 'category'] as const).find((f) => f === head) ?? null
}
