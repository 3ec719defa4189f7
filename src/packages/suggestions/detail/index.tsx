import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, Textarea, View } from '@tarojs/components'
import type { SuggestionView } from '@domain/suggestions/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import { Loaded } from '@/components/StatusViews'
import { ReportSummary, Timeline } from '@/components/SuggestionParts'
import { formatDateTime } from '@domain/time'
import { WORKER_SUGGESTION } from '@/routes'
import { requestSubscriptions } from '@/utils/subscribe'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

function ReporterActions({ view, onDone }: { view: SuggestionView; onDone: (v: SuggestionView) => void }) {
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const run = async (f: () => Promise<SuggestionView>) => {
    setBusy(true)
    try {
      onDone(await f())
    } catch (e) {
      toast(e instanceof AppError ? e.message : '操作失败')
    } finally {
      setBusy(false)
    }
  }
  if (!view.canConfirm && !view.canReopen) return null
  return (
    <View className='card'>
      {view.canConfirm ? (
        <>
          <View className='card__title'>问题解决了吗？请评价</View>
          <View className='sg-stars' role='radiogroup' aria-label='满意度'>
            {[1, 2, 3, 4, 5].map((n) => (
              <View key={n} role='radio' aria-checked={rating === n} aria-label={`${n} 星`} className={n <= rating ? 'sg-stars__on' : ''} onClick={() => setRating(n)}>
                ★
              </View>
            ))}
          </View>
          <Textarea className='sg-textarea' value={comment} maxlength={200} placeholder='说说处理得怎么样（选填）' onInput={(e) => setComment(e.detail.value)} />
          <Button
            className='sg-btn'
            disabled={(busy || !rating) || undefined}
            onClick={() => void run(() => call('suggestions', 'confirm', { id: view.id, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }))}
          >
            确认已解决并评价
          </Button>
        </>
      ) : null}
      {view.canReopen ? (
        <>
          <View className='card__title'>没有解决？</View>
          <View className='muted'>{view.reopenUntil ? `${formatDateTime(view.reopenUntil)} 前可以重新打开` : ''}</View>
          <Textarea className='sg-textarea' value={reason} maxlength={300} placeholder='请说明还存在什么问题' onInput={(e) => setReason(e.detail.value)} />
          <Button className='sg-btn sg-btn--ghost' disabled={(busy || reason.trim().length < 2) || undefined} onClick={() => void run(() => call('suggestions', 'reopen', { id: view.id, reason: reason.trim() }))}>
            重新打开
          </Button>
        </>
      ) : null}
    </View>
  )
}

/** A report: status timeline, replies, deadline; confirm & rate or reopen (reporter); "me too". */
export default function SuggestionDetail() {
  const id = useRouter().params.id ?? ''
  const { data, error, loading, refresh } = useCall('suggestions', 'detail', { id })
  const [override, setOverride] = useState<SuggestionView | null>(null)
  usePullToRefresh(async () => {
    setOverride(null)
    await refresh()
  })
  const view = override ?? data
  if (!view) return <PageShell><Loaded state={{ data: view, error, loading, refresh }}>{() => null}</Loaded></PageShell>
  const meToo = async () => {
    // inside the tap: the report's progress reaches the rider only if they accept
    const asked = requestSubscriptions(['suggestionStatus'])
    try {
      await asked
      await call('suggestions', 'meToo', { id })
      toast('已附议，处理进展会通知你')
      setOverride(null)
      await refresh()
    } catch (e) {
      toast(e instanceof AppError ? e.message : '操作失败')
    }
  }
  return (
    <PageShell className='suggestion-detail'>
      <ReportSummary view={view} />
      {view.pendingPoints && view.status === 'submitted' ? <View className='muted'>社区受理后可获得 {view.pendingPoints} 积分</View> : null}
      {view.pointsAwarded ? <View className='muted'>已获得 {view.pointsAwarded} 积分</View> : null}
      <ReporterActions view={view} onDone={(v) => setOverride(v)} />
      {view.canMeToo ? (
        <Button className='sg-btn sg-btn--ghost' onClick={() => void meToo()}>
          我也遇到
        </Button>
      ) : null}
      {view.viewer === 'staff' ? (
        <Button className='sg-btn' onClick={() => void Taro.navigateTo({ url: `${WORKER_SUGGESTION}?id=${id}` })}>
          去办理
        </Button>
      ) : null}
      <View className='card__title'>办理进度</View>
      <Timeline view={view} />
    </PageShell>
  )
}
