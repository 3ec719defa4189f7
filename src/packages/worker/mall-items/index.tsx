import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import type { ManagedItemView } from '@domain/mall/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import { useAction } from '@/hooks/useAction'
import PageShell from '@/components/PageShell'
import ItemThumb from '@/components/ItemThumb'
import Tag from '@/components/Tag'
import FormField from '@/components/FormField'
import ChoiceChips, { Chip, Chips } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { WORKER_MALL_ITEM, WORKER_VOUCHER_CHECK } from '@/routes'
import './index.scss'

type Filter = 'district' | 'merchant' | 'held'
const held = (i: ManagedItemView) => !!i.merchantId && i.contentFlagged
const FILTERS: Record<Filter, (i: ManagedItemView) => boolean> = {
  district: (i) => !i.merchantId,
  merchant: (i) => !!i.merchantId,
  held,
}
const EMPTY: Record<Filter, { title: string; description: string }> = {
  district: { title: '还没有社区兑换品', description: '上架驿站能提供的服务或物品（如充电、雨衣、理发），骑手用积分兑换后到驿站核销。' },
  merchant: { title: '本社区的爱心商家还没有上架兑换品', description: '商家通过入驻审核后，可在「商家中心」自己上架。' },
  held: { title: '没有待复核的内容', description: '商家兑换品的文字未通过自动检测时，会在这里等你复核。' },
}

function TakeDownForm({ item, onDone, onCancel }: { item: ManagedItemView; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (reason.trim().length < 2) return setError('请填写下架原因（至少 2 个字），商家会看到')
    setBusy(true)
    try {
      await call('mall', 'reviewItem', { id: item.id, approve: false, reason: reason.trim() })
      void Taro.showToast({ title: '已下架', icon: 'success' })
      onDone()
    } catch (e) {
      setError(e instanceof AppError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='mall-manage__form'>
      <FormField label='下架原因' required error={error}>
        <Input className='form-input' name='reason' value={reason} maxlength={100} placeholder='如：图片与实物不符、已过期' onInput={(e) => setReason(e.detail.value)} />
      </FormField>
      <Chips>
        <Chip tone='danger' busy={busy} onClick={() => void submit()}>
          {busy ? '提交中…' : '确认下架'}
        </Chip>
        <Chip onClick={onCancel}>取消</Chip>
      </Chips>
    </View>
  )
}

function ItemRow({ item, onChanged }: { item: ManagedItemView; onChanged: () => void }) {
  const [takingDown, setTakingDown] = useState(false)
  const { busy, run } = useAction()
  const district = !item.merchantId
  const pendingPhotos = item.photos.filter((p) => p.check === 'pending').length
  const open = () => district && void Taro.navigateTo({ url: `${WORKER_MALL_ITEM}?id=${encodeURIComponent(item.id)}` })
  const release = async () => {
    if (await run(() => call('mall', 'reviewItem', { id: item.id, approve: true }), '已放行')) onChanged()
  }
  return (
    <View className='card mall-manage__item' data-testid='managed-item'>
      <View className='mall-manage__head' role={district ? 'button' : undefined} onClick={open}>
        <ItemThumb title={item.title} photo={item.coverUrl ?? item.photos[0]?.url} />
        <View className='mall-manage__main'>
          <View className='mall-manage__title'>{item.title}</View>
          <View className='muted'>
            {item.price} 积分 · {item.placeName ?? '按说明领取'}
          </View>
          <View className='muted'>
            剩余 {item.stock} / 共 {item.stockTotal} · 已兑 {item.redeemed}
          </View>
          <View className='mall-manage__tags'>
            {item.status === 'off' ? <Tag>已下架</Tag> : <Tag tone='success'>兑换中</Tag>}
            {item.contentFlagged ? <Tag tone='warning'>文字待复核</Tag> : null}
            {pendingPhotos ? <Tag tone='warning'>图片检测中</Tag> : null}
          </View>
        </View>
        {district ? <View className='mall-manage__chevron'>›</View> : null}
      </View>
      {item.contentFlagged ? <View className='mall-manage__desc'>{item.description}</View> : null}
      {item.takenDownReason ? <View className='mall-manage__reason'>下架原因：{item.takenDownReason}</View> : null}
      {!district && !takingDown ? (
        <Chips className='mall-manage__actions'>
          {item.contentFlagged ? (
            <Chip tone='primary' busy={busy} onClick={() => void release()}>
              内容没问题，放行
            </Chip>
          ) : null}
          {item.status === 'on' ? (
            <Chip tone='danger' onClick={() => setTakingDown(true)}>
              下架
            </Chip>
          ) : null}
        </Chips>
      ) : null}
      {takingDown ? (
        <TakeDownForm
          item={item}
          onCancel={() => setTakingDown(false)}
          onDone={() => {
            setTakingDown(false)
            onChanged()
          }}
        />
      ) : null}
    </View>
  )
}

/**
 * 积分商城 for community staff: the community's own items (tap to edit), the merchants' items
 * of their communities (release held text, take down with a reason), and the way to 核销.
 */
export default function WorkerMallItemsPage() {
  const { data, error, loading, refresh } = useCall('mall', 'manageItems', {})
  // the workbench's to-do opens the held items (?filter=held)
  const [filter, setFilter] = useState<Filter>(useRouter().params.filter === 'held' ? 'held' : 'district')
  usePullToRefresh(() => refresh())
  useRefreshOnShow(refresh)

  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {(data) => {
    const shown = data.filter(FILTERS[filter])
    const heldCount = data.filter(held).length
    return (
      <>
        <ChoiceChips
          className='mall-manage__filters'
          options={[
            { value: 'district' as Filter, label: `社区兑换品 ${data.filter(FILTERS.district).length}` },
            { value: 'merchant' as Filter, label: `爱心商家 ${data.filter(FILTERS.merchant).length}` },
            { value: 'held' as Filter, label: heldCount ? `待复核 ${heldCount}` : '待复核' },
          ]}
          value={filter}
          onChange={setFilter}
        />
        {shown.length ? shown.map((i) => <ItemRow key={i.id} item={i} onChanged={() => void refresh()} />) : <EmptyView {...EMPTY[filter]} />}
      </>
    )
      }}
    </Loaded>
  )

  return (
    <PageShell className='worker-mall-page'>
      <Chips className='mall-manage__bar'>
        <Chip tone='primary' onClick={() => void Taro.navigateTo({ url: WORKER_MALL_ITEM })}>
          ＋ 上架社区兑换品
        </Chip>
        <Chip onClick={() => void Taro.navigateTo({ url: WORKER_VOUCHER_CHECK })}>核销兑换券</Chip>
      </Chips>
      {body}
    </PageShell>
  )
}
