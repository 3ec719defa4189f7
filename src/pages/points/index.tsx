import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { Button, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { LedgerEntryView } from '@domain/points/model'
import { call } from '@/api'
import { lastAnswer } from '@/api/cache'
import { useCall } from '@/hooks/useCall'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import PageShell from '@/components/PageShell'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { MALL_HOME, MALL_VOUCHERS } from '@/routes'
import { formatDate, formatDateTime } from '@domain/time'
import './index.scss'

export function LedgerRow({ e }: { e: LedgerEntryView }) {
  return (
    <View className='ledger-row'>
      <View className='ledger-row__main'>
        <View className='ledger-row__label'>{e.label}</View>
        {e.note && !e.label.includes(e.note) ? <View className='ledger-row__note'>{e.note}</View> : null}
        <View className='ledger-row__time'>
          {formatDateTime(e.at)} · 余额 {e.balanceAfter}
        </View>
      </View>
      <View className={`ledger-row__delta ${e.delta > 0 ? 'ledger-row__delta--plus' : 'ledger-row__delta--minus'}`}>
        {e.delta > 0 ? `+${e.delta}` : e.delta}
      </View>
    </View>
  )
}

/** The caller's ledger, newest first, a page at a time; the first page starts from the last one kept (src/api/cache.ts). */
function useHistory() {
  const [kept] = useState(() => lastAnswer('points', 'history', {})?.data)
  const [items, setItems] = useState<LedgerEntryView[]>(kept?.items ?? [])
  const [next, setNext] = useState<string | null>(kept?.next ?? null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<AppError | null>(null)
  const seq = useRef(0)

  const load = useCallback(async (before?: string) => {
    const id = ++seq.current
    setLoading(true)
    try {
      const page = await call('points', 'history', before ? { before } : {})
      if (id !== seq.current) return
      setItems((old) => (before ? [...old, ...page.items] : page.items))
      setNext(page.next)
      setError(null)
    } catch (e) {
      if (id !== seq.current) return
      setError(e instanceof AppError ? e : new AppError('INTERNAL'))
    } finally {
      if (id === seq.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])
  return { items, next, loading, error, reload: () => load(), more: () => (next ? load(next) : Promise.resolve()) }
}

export default function PointsPage() {
  const balance = useCall('points', 'balance', {})
  const history = useHistory()

  const refreshAll = async () => {
    await Promise.all([balance.refresh(), history.reload()])
  }
  usePullToRefresh(() => refreshAll())
  useRefreshOnShow(() => refreshAll())

  const go = (url: string) => () => void Taro.navigateTo({ url })
  const b = balance.data

  const body = (
    <Loaded state={{ data: b, error: balance.error, loading: balance.loading }} onRetry={() => void refreshAll()}>
      {(b) => {
      return (
        <>
          <View className='points-hero'>
            <View className='points-hero__label'>我的积分</View>
            <View className='points-hero__balance' data-testid='points-balance'>
              {b.balance}
            </View>
            {b.expiringSoon ? (
              <View className='points-hero__expiring' role='status'>
                {b.expiringSoon.points} 积分将于 {formatDate(b.expiringSoon.at)} 过期，记得用掉
              </View>
            ) : (
              <View className='points-hero__hint'>积分自获得当月起 12 个月后的月底过期</View>
            )}
          </View>
          <EntryGroup>
            <EntryCell title='积分商城' description='用积分兑换社区和爱心商家的好物' onClick={go(MALL_HOME)} />
            <EntryCell title='我的兑换券' description='到店出示二维码或券码使用' onClick={go(MALL_VOUCHERS)} />
          </EntryGroup>
          <View className='card points-history'>
            <View className='card__title'>积分明细</View>
            {/* nothing yet while the first page is on its way or failed; an empty page once it came */}
            <Loaded
              state={{ data: history.items.length || !(history.loading || history.error) ? history.items : undefined, error: history.error, loading: history.loading }}
              onRetry={() => void history.reload()}
            >
              {(entries) =>
                !entries.length ? (
                  <EmptyView title='还没有积分记录' description='驿站打卡、参加志愿服务、建议被采纳都能获得积分' />
                ) : (
                  <>
                    {entries.map((e) => (
                      <LedgerRow key={e.id} e={e} />
                    ))}
                    {history.next ? (
                      <Button className='points-history__more' onClick={() => void history.more()}>
                        加载更多
                      </Button>
                    ) : (
                      <View className='points-history__end'>没有更多了</View>
                    )}
                    {history.error ? <View className='points-history__error'>{history.error.message}</View> : null}
                  </>
                )
              }
            </Loaded>
          </View>
        </>
      )
      }}
    </Loaded>
  )

  return <PageShell className='points-page'>{body}</PageShell>
}
