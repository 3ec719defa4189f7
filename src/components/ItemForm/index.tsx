import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Input, Textarea, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import { ITEM_BOUNDS, type ManagedItemView } from '@domain/mall/model'
import { LIMIT_PERIOD_LABELS, LIMIT_PERIODS } from '@domain/points/rules'
import { call } from '@/api'
import ChoiceChips from '@/components/ChoiceChips'
import FormField from '@/components/FormField'
import PhotoUploader from '@/components/PhotoUploader'
import Notice from '@/components/Notice'
import PillButton from '@/components/PillButton'
import { storedPhoto, usePhotoUploads } from '@/hooks/usePhotoUploads'
import { BLANK_DRAFT, checkDraft, draftOf, FIELD_LABELS, type ItemDraft, type ItemValues } from './form'
import './index.scss'

/** How a page saves: the merchant's functions, or the community staff's. */
export interface ItemApi {
  create: (values: ItemValues & { stock: number }) => Promise<ManagedItemView>
  update: (id: string, patch: Partial<ItemValues> & { status?: 'on' | 'off' }) => Promise<ManagedItemView>
  setStock: (id: string, stock: number) => Promise<ManagedItemView>
}

const photoDir = async () => (await call('mall', 'photoDir', {})).dir

/** What riders will not see yet, and why (content check, a worker's take-down, photos under review). */
function ItemNotices({ item }: { item: ManagedItemView }) {
  const pending = item.photos.filter((p) => p.check === 'pending').length
  const rejected = item.photos.filter((p) => p.check === 'rejected').length
  return (
    <>
      {item.takenDownReason ? <Notice tone='error'>社区已下架这件兑换品：{item.takenDownReason}。修改名称或说明后可重新上架。</Notice> : null}
      {item.contentFlagged ? <Notice>文字需社区工作者复核，通过后骑手才能看到。</Notice> : null}
      {pending ? <Notice>{pending} 张图片正在做内容安全检测，通过后骑手才能看到。</Notice> : null}
      {rejected ? <Notice tone='error'>{rejected} 张图片未通过检测（或已失效），骑手看不到，请删除后换一张。</Notice> : null}
    </>
  )
}

/**
 * Create or edit a 积分商城 item: text, photos (uploaded and checked), points, stock, per-rider
 * limit and validity. `children` adds fields of one side (e.g. where a district item is redeemed).
 */
export default function ItemForm({ item, api, children, onSaved }: { item: ManagedItemView | null; api: ItemApi; children?: ReactNode; onSaved: (item: ManagedItemView) => void }) {
  const [d, setD] = useState<ItemDraft>(item ? draftOf(item) : BLANK_DRAFT)
  const [current, setCurrent] = useState(item)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const uploads = usePhotoUploads({ max: ITEM_BOUNDS.photos, dir: photoDir, prefix: 'item-', initial: item?.photos.map(storedPhoto) ?? [] })
  const set = <K extends keyof ItemDraft>(k: K, v: ItemDraft[K]) => setD((old) => ({ ...old, [k]: v }))
  const [problems, setProblems] = useState<Record<string, string>>({})
  const errorOf = (field: string) => problems[field] ?? (error?.field?.split('.')[0] === field ? error.message : undefined)

  const run = async (f: () => Promise<ManagedItemView>, done: string) => {
    setBusy(true)
    setError(null)
    try {
      const saved = await f()
      setCurrent(saved)
      void Taro.showToast({ title: done, icon: 'success' })
      return saved
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      const label = err.field ? FIELD_LABELS[err.field.split('.')[0]] : undefined
      // a field's message already starts with its label (domain/validation); others say which field
      setError({ field: err.field, message: label && !err.message.startsWith(label) ? `${label}：${err.message}` : err.message })
      return null
    } finally {
      setBusy(false)
    }
  }

  const save = async () => {
    if (uploads.uploading) return setError({ message: '图片还在上传，请稍候' })
    const checked = checkDraft(d, uploads.fileIds)
    setProblems(checked.ok ? {} : { ...checked.problems, ...(checked.problems.count ? { limit: checked.problems.count } : {}) })
    if (!checked.ok) return setError(null)
    const saved = await run(async () => {
      if (!current) return api.create({ ...checked.values, stock: checked.stock })
      const next = await api.update(current.id, checked.values)
      return checked.stock !== next.stock ? api.setStock(current.id, checked.stock) : next
    }, current ? '已保存' : '已上架')
    if (saved) onSaved(saved)
  }

  const toggle = () => current && void run(() => api.update(current.id, { status: current.status === 'on' ? 'off' : 'on' }), current.status === 'on' ? '已下架' : '已上架')

  return (
    <View className='item-form'>
      {current ? <ItemNotices item={current} /> : null}
      <View className='card'>
        <FormField label='名称' required error={errorOf('title')}>
          <Input className='form-input' name='title' value={d.title} maxlength={30} placeholder='如：姜茶一杯' onInput={(e) => set('title', e.detail.value)} />
        </FormField>
        <FormField label='说明' required error={errorOf('description')}>
          <Textarea className='form-input form-textarea' name='description' value={d.description} maxlength={200} placeholder='骑手怎么领取、有什么限制' onInput={(e) => set('description', e.detail.value)} />
        </FormField>
        <FormField label={`图片（选填，最多 ${ITEM_BOUNDS.photos} 张）`} hint='图片会压缩并去除拍摄位置；通过内容安全检测后骑手才能看到' error={errorOf('photos')}>
          <PhotoUploader uploads={uploads} max={ITEM_BOUNDS.photos} />
        </FormField>
        {children}
      </View>
      <View className='card'>
        <View className='item-form__row'>
          <FormField label='所需积分' required error={errorOf('price')}>
            <Input className='form-input' name='price' type='number' value={d.price} onInput={(e) => set('price', e.detail.value)} />
          </FormField>
          <FormField label={current ? '剩余库存' : '库存'} required error={errorOf('stock')}>
            <Input className='form-input' name='stock' type='number' value={d.stock} onInput={(e) => set('stock', e.detail.value)} />
          </FormField>
        </View>
        <FormField label='每人限兑' error={errorOf('limit')}>
          <ChoiceChips options={LIMIT_PERIODS.map((p) => ({ value: p, label: p === 'once' ? '总共' : LIMIT_PERIOD_LABELS[p] }))} value={d.period} onChange={(p) => set('period', p)} />
          {d.period !== 'none' ? (
            <View className='item-form__count'>
              <Input className='form-input form-input--short' name='count' type='number' value={d.count} aria-label='次数' onInput={(e) => set('count', e.detail.value)} />
              <View className='muted'>次</View>
            </View>
          ) : null}
        </FormField>
        <FormField label='兑换后有效天数' required error={errorOf('validDays')}>
          <Input className='form-input' name='validDays' type='number' value={d.validDays} onInput={(e) => set('validDays', e.detail.value)} />
        </FormField>
      </View>
      {error ? (
        <Notice tone='error' role='alert'>
          {error.message}
        </Notice>
      ) : null}
      <PillButton disabled={busy} onClick={() => void save()}>
        {busy ? '保存中…' : current ? '保存' : '上架'}
      </PillButton>
      {current ? (
        <PillButton tone='ghost' disabled={busy} onClick={toggle}>
          {current.status === 'on' ? '下架（骑手看不到）' : '重新上架'}
        </PillButton>
      ) : null}
    </View>
  )
}
