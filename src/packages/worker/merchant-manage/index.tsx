import { useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { MERCHANT_CATEGORY_LABELS, MERCHANT_STATUS_LABELS, type ManagedMerchantView } from '@domain/merchant/model'
import { formatDateTime } from '@domain/time'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { useAction } from '@/hooks/useAction'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { EmptyView, Loaded } from '@/components/StatusViews'
// the application card's styles, shared with 爱心商家审核
import '../merchants/index.scss'
import './index.scss'

/** One merchant: what it offers, how much it is used, and suspend / reinstate with a reason the merchant will read. */
function MerchantRow({ m, onChanged }: { m: ManagedMerchantView; onChanged: () => void }) {
  const suspended = m.status === 'suspended'
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useAction()
  const submit = async () => {
    const text = reason.trim()
    if (text.length < 2) return setError(suspended ? '请填写恢复的原因（至少 2 个字）' : '请填写暂停的原因（至少 2 个字），商家会看到')
    setError(null)
    const ok = await run(() => call('merchant', 'setSuspended', { id: m.id, suspend: !suspended, reason: text }), suspended ? '已恢复服务' : '已暂停服务')
    if (ok) {
      setOpen(false)
      setReason('')
      onChanged()
    }
  }
  return (
    <View className='card application' data-testid='managed-merchant'>
      <View className='card__title'>{m.shopName}</View>
      <View>
        <Tag tone={suspended ? 'danger' : 'success'}>{MERCHANT_STATUS_LABELS[m.status]}</Tag>
        <Tag>{MERCHANT_CATEGORY_LABELS[m.category]}</Tag>
      </View>
      <View className='application__line'>{m.address}</View>
      {m.phone ? <View className='application__line'>电话：{m.phone}</View> : null}
      <View className='merchant-manage__figures'>
        <View className='merchant-manage__figure'>
          <View className='merchant-manage__value'>{m.itemsOn}</View>在售兑换品
        </View>
        <View className='merchant-manage__figure'>
          <View className='merchant-manage__value'>{m.vouchersVerified30d}</View>近 30 天核销
        </View>
        {suspended ? (
          <View className='merchant-manage__figure'>
            <View className='merchant-manage__value'>{m.itemsSuspended}</View>因暂停下架
          </View>
        ) : null}
      </View>
      {suspended ? (
        <View className='merchant-manage__suspended' role='status'>
          {m.suspendedAt ? `${formatDateTime(m.suspendedAt)} ` : ''}暂停：{m.suspendedReason}
        </View>
      ) : null}
      {error ? (
        <View className='application__error' role='alert'>
          {error}
        </View>
      ) : null}
      {open ? (
        <View>
          <Input
            className='application__input'
            value={reason}
            maxlength={100}
            placeholder={suspended ? '恢复原因，如：已整改，复查合格' : '暂停原因，如：多次拒绝骑手兑换'}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='application__actions'>
            <Button className='application__btn application__btn--ghost' disabled={busy || undefined} onClick={() => setOpen(false)}>
              取消
            </Button>
            <Button className={`application__btn${suspended ? '' : ' application__btn--danger'}`} disabled={busy || undefined} onClick={() => void submit()}>
              {suspended ? '确认恢复' : '确认暂停'}
            </Button>
          </View>
        </View>
      ) : (
        <View className='application__actions'>
          <Button className={`application__btn${suspended ? '' : ' application__btn--ghost'}`} onClick={() => setOpen(true)}>
            {suspended ? '恢复服务' : '暂停服务'}
          </Button>
        </View>
      )}
    </View>
  )
}

/**
 * 商家管理: every approved or suspended merchant of the caller's communities. Suspending takes its
 * items out of the mall and stops its counter; reinstating brings back exactly those items.
 */
export default function MerchantManagePage() {
  const { data, error, loading, refresh } = useCall('merchant', 'merchants', {})
  usePullToRefresh(() => refresh())
  return (
    <PageShell className='merchant-manage-page'>
      <View className='muted'>暂停后，商家的兑换品从积分商城下架，到店核销会被拒绝并告知原因；骑手已兑的券不作废，可取消退回积分，恢复后照常使用。</View>
      <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
        {(list) =>
          list.length ? (
            list.map((m) => <MerchantRow key={m.id} m={m} onChanged={() => void refresh()} />)
          ) : (
            <EmptyView title='还没有入驻的爱心商家' description='商家的入驻申请通过审核后会出现在这里' />
          )
        }
      </Loaded>
    </PageShell>
  )
}
