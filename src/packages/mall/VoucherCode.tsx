import { useMemo } from 'react'
import { Image, View } from '@tarojs/components'
import { qrDataUri } from '@/utils/qr'
import { formatClock } from '@domain/time'
import { useVoucherToken } from './useVoucherToken'

/** 1234 5678: easier to read out at a counter. */
export const spacedCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`

/** The QR code of the voucher's current signed token, refreshed before it expires, and the 8-digit fallback. */
export default function VoucherCode({ code }: { code: string }) {
  const { token, error, reload } = useVoucherToken(code, true)
  const src = useMemo(() => (token ? qrDataUri(token.token) : null), [token])
  return (
    <View className='voucher-code'>
      {src ? (
        <Image className='voucher-code__qr' src={src} mode='scaleToFill' aria-label='兑换券二维码' data-token={token?.token} />
      ) : (
        <View className='voucher-code__qr voucher-code__qr--empty'>{error ? '二维码加载失败' : '二维码生成中…'}</View>
      )}
      <View className='voucher-code__digits' data-testid='voucher-code'>
        {spacedCode(code)}
      </View>
      {error ? (
        <View className='voucher-code__note voucher-code__note--error' role='button' onClick={() => void reload()}>
          {error.message}，点此重试
        </View>
      ) : token ? (
        <View className='voucher-code__note'>请向商家出示二维码，或报出 8 位券码 · 二维码 {formatClock(token.expiresAt)} 前有效，会自动刷新</View>
      ) : null}
    </View>
  )
}
