import { useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, Image, Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { QueueItem } from '@domain/identity/model'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { EmptyView, Loaded } from '@/components/StatusViews'
import '../identity.scss'
import { formatDateTime } from '@domain/time'

function Application({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const [photo, setPhoto] = useState<string>()
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const run = async (f: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await f()
      return true
    } catch (e) {
      setError(e instanceof AppError ? e.message : '操作失败，请重试')
      return false
    } finally {
      setBusy(false)
    }
  }
  const showPhoto = () => run(async () => setPhoto((await call('identity', 'badgeUrl', { riderId: item.riderId })).url))
  const approve = async () => {
    if (await run(() => call('identity', 'approve', { riderId: item.riderId }))) {
      void Taro.showToast({ title: '已通过', icon: 'success' })
      onDone()
    }
  }
  const reject = async () => {
    if (reason.trim().length < 2) return setError('请填写驳回原因（至少 2 个字），骑手会在通知里看到')
    if (await run(() => call('identity', 'reject', { riderId: item.riderId, reason: reason.trim() }))) {
      void Taro.showToast({ title: '已驳回', icon: 'none' })
      onDone()
    }
  }

  return (
    <View className='card id-item'>
      <View className='id-item__head'>
        <View className='id-item__name'>{item.realNameMasked}</View>
        {item.previouslyRejected ? <Tag tone='warning'>重新申请</Tag> : <Tag tone='primary'>{item.communityName}</Tag>}
      </View>
      <View className='id-item__line'>
        {item.platform} · {item.riderRole} · {item.station}
      </View>
      <View className='id-item__line'>
        手机 {item.phoneMasked}
        {item.platformRiderId ? ` · 骑手编号 ${item.platformRiderId}` : ''}
      </View>
      <View className='id-item__line'>
        {item.communityName} · 提交于 {formatDateTime(item.submittedAt)}
      </View>
      {photo ? <Image className='id-item__photo' src={photo} mode='aspectFit' /> : null}
      {rejecting ? (
        <View className='id-reason'>
          <Input className='id-input' name='reason' value={reason} maxlength={100} placeholder='驳回原因，如：照片看不清平台标识' onInput={(e) => setReason(e.detail.value)} />
        </View>
      ) : null}
      {error ? (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      ) : null}
      <View className='id-item__actions'>
        {item.hasBadgePhoto && !photo ? (
          <Button className='id-btn' size='mini' disabled={busy || undefined} onClick={() => void showPhoto()}>
            查看照片
          </Button>
        ) : null}
        {rejecting ? (
          <>
            <Button className='id-btn id-btn--danger' size='mini' disabled={busy || undefined} onClick={() => void reject()}>
              确认驳回
            </Button>
            <Button className='id-btn' size='mini' disabled={busy || undefined} onClick={() => setRejecting(false)}>
              取消
            </Button>
          </>
        ) : (
          <>
            <Button className='id-btn id-btn--primary' size='mini' disabled={busy || undefined} onClick={() => void approve()}>
              通过
            </Button>
            <Button className='id-btn id-btn--danger' size='mini' disabled={busy || undefined} onClick={() => setRejecting(true)}>
              驳回
            </Button>
          </>
        )}
      </View>
    </View>
  )
}

/** Pending rider applications of the worker's communities, oldest first (every view is audited). */
export default function IdentityReviewPage() {
  const q = useCall('identity', 'queue', {})
  usePullToRefresh(() => q.refresh())
  return (
    <PageShell className='identity-review-page'>
      <Loaded state={q}>
        {(items) =>
          !items.length ? (
            <EmptyView title='没有待审核的申请' description='新的骑手认证申请会按提交时间排在这里。' />
          ) : (
            <>
              <View className='id-note'>手机号和姓名已打码；查看照片、审核都会记入访问记录。照片链接 5 分钟内有效。</View>
              {items.map((item) => (
                <Application key={item.riderId} item={item} onDone={() => void q.refresh()} />
              ))}
            </>
          )
        }
      </Loaded>
    </PageShell>
  )
}
