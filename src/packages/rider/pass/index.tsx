import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import { PASS_REFRESH_MS } from '@domain/identity/pass'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import { Loaded, type LoadState } from '@/components/StatusViews'
import { RIDER_VERIFY } from '@/routes'
import { qrDataUri } from '@/utils/qr'
import { cachePass, PASS_CACHE_KEY, readCachedPass, secondsLeft, type CachedPass } from './logic'
import '../rider.scss'

function loadCache(): CachedPass | null {
  try {
    return readCachedPass(Taro.getStorageSync(PASS_CACHE_KEY))
  } catch {
    return null
  }
}

function saveCache(c: CachedPass): void {
  try {
    Taro.setStorageSync(PASS_CACHE_KEY, c)
  } catch {
    // storage full or unavailable: the pass still shows, only not after a restart
  }
}

/**
 * The 小哥码: a signed QR code valid for 60 s, fetched again every 30 s while the page is open. The
 * last one is kept on the phone, so without network it still shows until it expires.
 */
export default function RiderPassPage() {
  const [current, setCurrent] = useState<CachedPass | null>(() => {
    const c = loadCache()
    return c && secondsLeft(c, Date.now()) > 0 ? c : null
  })
  const [error, setError] = useState<AppError | null>(null)
  const [offline, setOffline] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const [loading, setLoading] = useState(true)
  const mounted = useRef(true)

  const refresh = useCallback(async () => {
    try {
      const pass = await call('identity', 'issuePass', {})
      if (!mounted.current) return
      const c = cachePass(pass, Date.now())
      setCurrent(c)
      saveCache(c)
      setError(null)
      setOffline(false)
    } catch (e) {
      if (!mounted.current) return
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      setError(err)
      setOffline(err.code === 'NETWORK' || err.code === 'TIMEOUT')
    } finally {
      if (mounted.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    mounted.current = true
    void refresh()
    const again = setInterval(() => void refresh(), PASS_REFRESH_MS)
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      mounted.current = false
      clearInterval(again)
      clearInterval(tick)
    }
  }, [refresh])

  const left = secondsLeft(current, now)
  const usable = current && left > 0

  // the last pass while it lasts; null once it expired with nothing newer (offline, or the refresh failed)
  const pass: LoadState<CachedPass | null> = { data: usable ? current : loading || (error && !offline) ? undefined : null, error: offline ? null : error, loading }
  const body =
    error?.code === 'FORBIDDEN' && !offline && !usable ? (
      <View className='card pass-card pass-card--blocked'>
        <View className='card__title'>暂时不能使用小哥码</View>
        <View className='muted'>{error.message}</View>
        <Button className='verify-form__submit' onClick={() => void Taro.redirectTo({ url: RIDER_VERIFY })}>
          去身份认证
        </Button>
      </View>
    ) : (
      <Loaded state={pass} loadingText='正在生成小哥码…' onRetry={() => void refresh()}>
        {(c) =>
          c ? (
            <View className='card pass-card'>
              <View className='pass-card__name'>{c.pass.realNameMasked}</View>
              <View className='pass-card__meta'>
                {c.pass.platform} · {c.pass.riderRole}
                {c.pass.communityName ? ` · ${c.pass.communityName}` : ''}
              </View>
              <View className='pass-card__badge'>已认证骑手</View>
              {/* the same recipe as the voucher's QR: a centred square box, the picture filling it (h5 wraps an <img>) */}
              <View className='pass-card__qr-box'>
                <Image className='pass-card__qr' src={qrDataUri(c.pass.token)} mode='scaleToFill' aria-label='小哥码二维码' />
              </View>
              <View className={`pass-card__countdown${left <= 10 ? ' pass-card__countdown--low' : ''}`} aria-live='polite'>
                {left} 秒后失效
              </View>
              {process.env.TARO_ENV === 'h5' ? (
                <Text className='pass-card__token' selectable>
                  {c.pass.token}
                </Text>
              ) : null}
              <View className='muted'>{offline ? '离线显示：这是最后一次联网取得的码，过期前仍然有效。' : '每 30 秒自动刷新，截图无效。'}</View>
            </View>
          ) : (
            <View className='card pass-card pass-card--expired' role='alert'>
              <View className='card__title'>小哥码已过期</View>
              <View className='muted'>{offline ? '当前没有网络，联网后会自动刷新。' : '请刷新后重新出示。'}</View>
              <Button className='verify-form__submit' onClick={() => void refresh()}>
                刷新
              </Button>
            </View>
          )
        }
      </Loaded>
    )

  return <PageShell className='rider-pass-page'>{body}</PageShell>
}
