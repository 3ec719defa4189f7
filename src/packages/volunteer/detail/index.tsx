import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, Input, Text, View } from '@tarojs/components'
import type { ActivityDetail } from '@domain/volunteer/model'
import { AppError } from '@domain/errors'
import { parseCheckinScan } from '@domain/volunteer/rules'
import { useCall } from '@/hooks/useCall'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Loaded } from '@/components/StatusViews'
import { getLocationGcj02 } from '@/utils/location'
import { detailState, placesText, type AttendancePhase } from '../state'
import { useSettings } from '@/hooks/useSettings'
import { requestSubscriptions } from '@/utils/subscribe'
import { at, statusLabel, STATUS_TONE, timeRange, typeLabel } from '@/utils/volunteer'
import '../volunteer.scss'

const toast = (title: string, icon: 'success' | 'none' = 'none') => void Taro.showToast({ title, icon, duration: 2500 })
const messageOf = (e: unknown) => (e instanceof AppError ? e.message : '操作失败，请稍后再试')
const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** The check-in code: scanned on weapp (QR `xgvol1:<activity>:<code>`), typed on h5. */
async function readCode(activityId: string, typed: string): Promise<string | null> {
  if (!IS_WEAPP) return typed.trim()
  const scan = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null)
  if (!scan) return null
  const parsed = parseCheckinScan(scan.result)
  if (!parsed || (parsed.activityId && parsed.activityId !== activityId)) {
    toast('这不是本活动的签到码')
    return null
  }
  return parsed.code
}

/** Check-in / check-out; the success message goes to the sign-up card (this card goes away after check-out). */
function Attendance({ a, phase, onDone }: { a: ActivityDetail; phase: AttendancePhase; onDone: (message: string) => void }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const go = async () => {
    setBusy(true)
    setResult(null)
    try {
      const c = await readCode(a.id, code)
      if (!c) return
      // GCJ-02 like the activity's place (h5 browsers report WGS-84: converted)
      const loc = await getLocationGcj02(true).catch(() => null)
      if (!loc) {
        toast('需要定位确认你在活动现场，可在设置中开启')
        return
      }
      const r = await call('volunteer', phase, {
        activityId: a.id,
        code: c,
        longitude: loc.longitude,
        latitude: loc.latitude,
        accuracy: loc.accuracy,
        fixedAt: Date.now(),
      })
      setCode('')
      onDone(r.message)
    } catch (e) {
      setResult(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card vol-attendance'>
      <View className='card__title'>{phase === 'checkIn' ? '现场签到' : '活动结束签退'}</View>
      <View className='muted'>{IS_WEAPP ? '扫描工作人员手机上的签到二维码' : '输入工作人员手机上显示的 6 位签到码'}（需在活动地点附近）</View>
      {!IS_WEAPP ? <Input className='vol-input vol-code-input' type='number' maxlength={6} placeholder='6 位签到码' value={code} onInput={(e) => setCode(e.detail.value)} /> : null}
      <View className='vol-actions'>
        <Button className='vol-btn vol-btn--primary' loading={busy} disabled={busy || (!IS_WEAPP && code.length !== 6) || undefined} onClick={() => void go()}>
          {phase === 'checkIn' ? (IS_WEAPP ? '扫码签到' : '签到') : IS_WEAPP ? '扫码签退' : '签退'}
        </Button>
      </View>
      {result ? (
        <View className='vol-result vol-error' role='alert'>
          {result}
        </View>
      ) : null}
    </View>
  )
}

function Body({ a, refresh }: { a: ActivityDetail; refresh: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const { communityName } = useSettings()
  const st = detailState(a, Date.now())
  const run = async (what: 'signUp' | 'cancel') => {
    // signing up, still inside the tap: a waitlist promotion, a cancelled activity and the
    // day-before reminder reach the rider only if they accept these (3: one request's maximum)
    const asked = what === 'signUp' ? requestSubscriptions(['volunteerPromoted', 'volunteerCancelled', 'volunteerReminder']) : null
    if (what === 'cancel') {
      const ok = await Taro.showModal({
        title: '取消报名',
        content: st.cancel?.late ? '已过取消截止时间，取消将记为迟取消。确定取消吗？' : a.my?.status === 'waitlisted' ? '将退出候补名单。确定取消吗？' : '名额将让给候补的骑手。确定取消吗？',
      })
      if (!ok.confirm) return
    }
    setBusy(true)
    setResult(null)
    try {
      await asked
      const r = what === 'signUp' ? await call('volunteer', 'signUp', { activityId: a.id }) : await call('volunteer', 'cancel', { activityId: a.id })
      setResult(r.message)
      toast(what === 'signUp' ? ((r as { status: string }).status === 'waitlisted' ? '已加入候补' : '报名成功') : '已取消', 'success')
      await refresh()
    } catch (e) {
      setResult(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const my = a.my
  return (
    <>
      <View className='card'>
        <View className='vol-item__title'>{a.title}</View>
        <View className='vol-item__tags'>
          <Tag tone='primary'>{typeLabel(a.type)}</Tag>
          <Tag>{communityName(a.communityId)}</Tag>
          {a.status === 'cancelled' ? <Tag tone='danger'>活动已取消</Tag> : null}
          {a.verifiedOnly ? <Tag>限认证骑手</Tag> : null}
        </View>
        <View className='vol-item__meta'>时间：{timeRange(a.startAt, a.endAt)}</View>
        <View className='vol-item__meta'>
          地点：{a.placeName}（{a.address}）
        </View>
        <View className='vol-item__meta'>
          名额：<Text className='vol-left vol-places-left'>{placesText(a)}</Text>
          {a.waitlisted ? ` · 候补 ${a.waitlisted} 人` : ''}
        </View>
        <View className='vol-item__meta'>报名截止：{at(a.signupDeadline)}；取消截止：{at(a.cancelDeadline)}</View>
        <View className='vol-item__meta'>{a.pointsRule}</View>
        {a.cancelReason ? <View className='vol-item__meta'>取消原因：{a.cancelReason}</View> : null}
        {a.description ? <View className='vol-result'>{a.description}</View> : null}
      </View>

      <View className='card'>
        <View className='card__title'>我的报名</View>
        {my ? (
          <View className='vol-item__tags'>
            <Tag tone={STATUS_TONE[my.status]}>{statusLabel(my.status)}</Tag>
            {my.waitlistPosition ? <Tag tone='warning'>{`候补第 ${my.waitlistPosition} 位`}</Tag> : null}
            {my.lateCancel ? <Tag tone='danger'>迟取消</Tag> : null}
            {my.checkedInAt ? <Tag tone='success'>{`已签到 ${at(my.checkedInAt)}`}</Tag> : null}
            {my.checkedOutAt ? <Tag tone='success'>{`已签退 · ${my.hours} 小时${my.counted ? '' : '（不足 60% 不计）'}`}</Tag> : null}
            {my.pointsAwarded ? <Tag tone='primary'>{`+${my.pointsAwarded} 积分`}</Tag> : null}
          </View>
        ) : (
          <View className='muted'>还没有报名</View>
        )}
        {st.signUpClosed ? <View className='muted vol-closed'>{st.signUpClosed}</View> : null}
        {st.cancel && !st.cancel.late ? <View className='muted'>{`${at(a.cancelDeadline)} 前可免责取消`}</View> : null}
        {st.signUp || st.cancel ? (
          <View className='vol-actions'>
            {st.signUp ? (
              <Button className='vol-btn vol-btn--primary vol-signup' loading={busy} disabled={busy || undefined} onClick={() => void run('signUp')}>
                {st.signUp}
              </Button>
            ) : null}
            {st.cancel ? (
              <Button className='vol-btn vol-cancel' loading={busy} disabled={busy || undefined} onClick={() => void run('cancel')}>
                {st.cancel.late ? '取消报名（迟取消）' : '取消报名'}
              </Button>
            ) : null}
          </View>
        ) : null}
        {result ? (
          <View className='vol-result vol-detail-result' role='status'>
            {result}
          </View>
        ) : null}
      </View>
      {st.attendance ? <Attendance
          a={a}
          phase={st.attendance}
          onDone={(m) => {
            setResult(m)
            void refresh()
          }}
        /> : null}
      {st.attendanceNote ? (
        <View className='card'>
          <View className='card__title'>签到签退</View>
          <View className='muted'>{st.attendanceNote}</View>
        </View>
      ) : null}
    </>
  )
}

export default function VolunteerDetail() {
  const { params } = useRouter()
  const { data, error, loading, refresh } = useCall('volunteer', 'detail', { id: params.id ?? '' })
  usePullToRefresh(() => refresh())
  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {(data) => {
    return <Body a={data} refresh={refresh} />
      }}
    </Loaded>
  )
  return <PageShell className='vol-detail-page'>{body}</PageShell>
}
