import { useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { MyVerificationView } from '@domain/identity/model'
import { VERIFICATION_LABELS } from '@domain/user/model'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { useSettings } from '@/hooks/useSettings'
import { requestSubscriptions } from '@/utils/subscribe'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Loaded } from '@/components/StatusViews'
import { RIDER_PASS } from '@/routes'
import VerifyForm from '../VerifyForm'
import { toInput, type FormValues } from '../form'
import '../rider.scss'
import { formatDateTime } from '@domain/time'

function Summary({ s }: { s: MyVerificationView }) {
  const rows: [string, string | null][] = [
    ['姓名', s.realName],
    ['平台', s.platform && s.riderRole ? `${s.platform} · ${s.riderRole}` : s.platform],
    ['站点或公司', s.station],
    ['工作所在社区', s.communityName],
    ['手机号', s.phoneMasked],
  ]
  return (
    <View className='kv-list'>
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <View key={k} className='kv'>
            <View className='kv__key'>{k}</View>
            <View className='kv__value'>{v}</View>
          </View>
        ))}
    </View>
  )
}

export default function RiderVerifyPage() {
  const status = useCall('identity', 'myStatus', {})
  const { settings } = useSettings()
  const [editing, setEditing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [serverError, setServerError] = useState<AppError | null>(null)

  usePullToRefresh(() => status.refresh())

  const s = status.data
  const submit = async (values: FormValues) => {
    if (!s) return
    // first, still inside the tap: may we tell the rider the review result? (refusing is fine)
    const asked = requestSubscriptions(['identityReview'])
    setBusy(true)
    setServerError(null)
    try {
      await asked
      if (s.canApply) {
        await call('identity', 'apply', toInput(values))
      } else {
        const input = toInput(values)
        await call('identity', 'updateProfile', {
          realName: input.realName,
          platform: input.platform,
          riderRole: input.riderRole,
          station: input.station,
          platformRiderId: input.platformRiderId,
          communityId: input.communityId,
          ...(values.badgePhoto ? { badgePhoto: values.badgePhoto } : {}),
          ...(values.phoneCode ? { phoneCode: values.phoneCode } : {}),
        })
      }
      setEditing(false)
      await status.refresh()
      void Taro.showToast({ title: '已提交', icon: 'success' })
    } catch (e) {
      setServerError(e instanceof AppError ? e : new AppError('INTERNAL'))
    } finally {
      setBusy(false)
    }
  }

  const body = (
    <Loaded state={{ data: s, error: status.error }} onRetry={() => void status.refresh()}>
      {(s) => {
    const showForm = editing || s.status === 'unverified'
    const initial: Partial<FormValues> = {
      realName: s.realName ?? '',
      platform: s.platform ?? '',
      riderRole: s.riderRole ?? '',
      station: s.station ?? '',
      platformRiderId: s.platformRiderId ?? '',
      communityId: s.communityId ?? '',
    }
    return (
      <>
        {s.status !== 'unverified' ? (
          <View className={`card verify-status verify-status--${s.status}`}>
            <View className='verify-status__head'>
              <View className='card__title'>认证状态</View>
              <Tag tone={s.status === 'verified' ? 'success' : s.status === 'rejected' ? 'danger' : 'warning'}>{VERIFICATION_LABELS[s.status]}</Tag>
            </View>
            {s.status === 'pending' ? <View className='muted'>已于 {s.submittedAt ? formatDateTime(s.submittedAt) : ''} 提交，社区工作者审核后会通过服务通知告诉你结果。</View> : null}
            {s.status === 'rejected' ? (
              <View className='verify-status__reason' role='alert'>
                驳回原因：{s.rejectReason || '未说明'}
              </View>
            ) : null}
            <Summary s={s} />
            {!editing ? (
              <View className='verify-status__actions'>
                {s.status === 'verified' ? (
                  <Button className='verify-form__submit' onClick={() => void Taro.navigateTo({ url: RIDER_PASS })}>
                    出示小哥码
                  </Button>
                ) : null}
                <Button className='verify-form__btn' size='mini' onClick={() => setEditing(true)}>
                  {s.status === 'rejected' ? '重新申请' : '修改资料'}
                </Button>
                {s.status === 'verified' ? <View className='muted'>修改姓名、平台、社区、照片或手机号后需要重新审核，审核期间小哥码不可用。</View> : null}
              </View>
            ) : null}
          </View>
        ) : (
          <View className='page-intro'>
            认证后可以使用「小哥码」快速进出友好小区、参加需要认证的志愿活动和兑换。提交后由你工作所在社区的社区工作者审核。
          </View>
        )}
        {showForm ? (
          <VerifyForm
            key={`${s.status}-${editing}`}
            communities={settings?.communities ?? []}
            uploadDir={s.uploadDir}
            initial={initial}
            editing={!s.canApply}
            serverError={serverError}
            busy={busy}
            onSubmit={(v) => void submit(v)}
          />
        ) : null}
      </>
    )
      }}
    </Loaded>
  )
  return <PageShell className='rider-verify-page'>{body}</PageShell>
}
