import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { saveCsv } from '@/utils/save-file'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, Image, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import type { CheckinCodeView, RosterResult } from '@domain/volunteer/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Loaded } from '@/components/StatusViews'
import { WORKER_ACTIVITY_EDIT } from '@/routes'
import { useSettings } from '@/hooks/useSettings'
import { at, statusLabel, STATUS_TONE, timeRange, typeLabel } from '@/utils/volunteer'
import '../volunteer.scss'

const messageOf = (e: unknown) => (e instanceof AppError ? e.message : '操作失败，请稍后再试')

const qrDataUrl = (text: string) => {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(8, 2)
}

/** The rotating check-in code: fetched again each minute, shown as a QR and as 6 digits (h5 riders type it). */
function CheckinQr({ id }: { id: string }) {
  const [code, setCode] = useState<CheckinCodeView | null>(null)
  const [err, setErr] = useState<string | null>(null)
  useEffect(() => {
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const c = await call('volunteer', 'checkinCode', { id })
        if (!alive) return
        setCode(c)
        setErr(null)
        timer = setTimeout(() => void load(), Math.max(2_000, new Date(c.refreshAt).getTime() - Date.now() + 500))
      } catch (e) {
        if (alive) setErr(messageOf(e))
      }
    }
    void load()
    return () => {
      alive = false
      if (timer) clearTimeout(timer)
    }
  }, [id])
  return (
    <View className='card wa-qr'>
      <View className='card__title'>签到码（每分钟更新）</View>
      {code ? (
        <>
          <Image className='wa-qr__img' src={qrDataUrl(code.qr)} />
          <View className='wa-qr__code wa-checkin-code'>{code.code}</View>
          <View className='muted'>骑手扫码或输入数字签到、签退；需在活动地点 300 米内</View>
        </>
      ) : (
        <View className='muted'>{err ?? '加载中…'}</View>
      )}
    </View>
  )
}

function Roster({ r, refresh }: { r: RosterResult; refresh: () => Promise<void> }) {
  const a = r.activity
  const [showQr, setShowQr] = useState(false)
  const [msg, setMsg] = useState<string | null>(null)
  const started = new Date(a.startAt).getTime() <= Date.now()
  const absent = r.rows.filter((x) => x.status === 'signedUp' && !x.checkedInAt)

  const exportCsv = async () => {
    try {
      const f = await call('volunteer', 'exportRoster', { id: a.id })
      setMsg(await saveCsv(f.filename, f.csv))
    } catch (e) {
      setMsg(messageOf(e))
    }
  }
  const markNoShows = async () => {
    const ok = await Taro.showModal({ title: '标记缺席', content: `将 ${absent.length} 位未签到的骑手标记为缺席？` })
    if (!ok.confirm) return
    try {
      const res = await call('volunteer', 'markNoShows', { id: a.id, signupIds: absent.map((x) => x.signupId) })
      setMsg(`已标记 ${res.marked} 人缺席`)
      await refresh()
    } catch (e) {
      setMsg(messageOf(e))
    }
  }
  const cancelActivity = async () => {
    const ok = await Taro.showModal({ title: '取消活动', content: '将通知所有已报名和候补的骑手。', editable: true, placeholderText: '取消原因（必填）' } as never)
    const reason = ((ok as unknown as { content?: string }).content ?? '').trim()
    if (!ok.confirm) return
    try {
      const res = await call('volunteer', 'cancelActivity', { id: a.id, reason: reason.length >= 2 ? reason : '因故取消' })
      setMsg(`活动已取消，已通知 ${res.notified} 人`)
      await refresh()
    } catch (e) {
      setMsg(messageOf(e))
    }
  }

  const { communityName } = useSettings()
  return (
    <>
      <View className='card'>
        <View className='wa-item__title'>{a.title}</View>
        <View className='wa-item__meta'>{timeRange(a.startAt, a.endAt)}</View>
        <View className='wa-item__meta'>
          {a.placeName} · {communityName(a.communityId)}
        </View>
        <View className='wa-tags'>
          <Tag tone='primary'>{typeLabel(a.type)}</Tag>
          {a.status === 'cancelled' ? <Tag tone='danger'>已取消</Tag> : null}
          <Tag tone='success'>{`报名 ${r.totals.signedUp}/${a.capacity}`}</Tag>
          <Tag tone={r.totals.waitlisted ? 'warning' : 'default'}>{`候补 ${r.totals.waitlisted}`}</Tag>
          <Tag>{`签到 ${r.totals.checkedIn} · 签退 ${r.totals.checkedOut}`}</Tag>
          <Tag>{`共 ${r.totals.hours} 小时`}</Tag>
        </View>
        {a.status === 'open' ? (
          <View className='wa-actions'>
            <Button className='wa-btn wa-btn--primary' onClick={() => setShowQr(!showQr)}>
              {showQr ? '收起签到码' : '显示签到码'}
            </Button>
            <Button className='wa-btn' onClick={() => void Taro.navigateTo({ url: `${WORKER_ACTIVITY_EDIT}?id=${a.id}` })}>
              编辑
            </Button>
            <Button className='wa-btn' onClick={() => void exportCsv()}>
              导出名单
            </Button>
            {started && absent.length ? (
              <Button className='wa-btn' onClick={() => void markNoShows()}>
                标记缺席
              </Button>
            ) : null}
            {!started ? (
              <Button className='wa-btn' onClick={() => void cancelActivity()}>
                取消活动
              </Button>
            ) : null}
          </View>
        ) : null}
        {msg ? <View className='muted'>{msg}</View> : null}
      </View>
      {showQr ? <CheckinQr id={a.id} /> : null}
      <View className='card'>
        <View className='card__title'>名单（按报名先后）</View>
        {r.rows.length ? null : <View className='muted'>还没有人报名</View>}
        {r.rows.map((x) => (
          <View key={x.signupId} className='wa-row'>
            <View className='wa-row__main'>
              <View>
                {x.seq}. {x.nickname}
              </View>
              <View className='wa-row__sub'>
                {`报名 ${at(x.signedUpAt)}`}
                {x.checkedInAt ? ` · 签到 ${at(x.checkedInAt)}` : ''}
                {x.checkedOutAt ? ` · 签退 ${at(x.checkedOutAt)} · ${x.hours} 小时${x.counted ? '' : '（不计）'}` : ''}
              </View>
            </View>
            <Tag tone={STATUS_TONE[x.status]}>{x.lateCancel ? '迟取消' : statusLabel(x.status)}</Tag>
          </View>
        ))}
      </View>
    </>
  )
}

export default function WorkerActivity() {
  const { params } = useRouter()
  const { data, error, loading, refresh } = useCall('volunteer', 'roster', { id: params.id ?? '' })
  usePullToRefresh(() => refresh())
  const body = (
    <Loaded state={{ data, error, loading }} onRetry={() => void refresh()}>
      {(data) => {
    return <Roster r={data} refresh={refresh} />
      }}
    </Loaded>
  )
  return <PageShell className='worker-activity-page'>{body}</PageShell>
}
