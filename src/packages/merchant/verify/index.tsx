import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { VerifyResult } from '@domain/entities/mall'
import { VOUCHER_CODE, VOUCHER_TOKEN } from '@domain/points/rules'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import { formatDateTime } from '@/utils/time'
import '../merchant.scss'
import './index.scss'

type Outcome = { ok: true; r: VerifyResult } | { ok: false; title: string; message: string }

/** What a refusal means at the counter. */
export function describeFailure(e: AppError): { title: string; message: string } {
  switch (e.code) {
    case 'CONFLICT':
      return { title: /取消/.test(e.message) ? '这张券已取消' : '这张券已经使用过', message: e.message }
    case 'EXPIRED':
      return { title: '已过期', message: e.message }
    case 'NOT_FOUND':
      return { title: '不是本店的兑换券', message: '券码不存在，或不是在本店兑换的。请核对后再试。' }
    case 'VALIDATION':
      return { title: '券码无效', message: e.message }
    default:
      return { title: '核销失败', message: e.message }
  }
}

export default function MerchantVerifyPage() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const verify = async (input: { code: string } | { token: string }) => {
    setBusy(true)
    setOutcome(null)
    try {
      const r = await call('merchant', 'verify', input)
      setOutcome({ ok: true, r })
      setCode('')
    } catch (e) {
      setOutcome({ ok: false, ...describeFailure(e instanceof AppError ? e : new AppError('INTERNAL')) })
    } finally {
      setBusy(false)
    }
  }

  const submitCode = () => {
    const c = code.replace(/\s/g, '')
    if (!VOUCHER_CODE.test(c)) return setOutcome({ ok: false, title: '券码应为 8 位数字', message: '请核对骑手出示的券码' })
    return verify({ code: c })
  }

  const scan = async () => {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null)
    const text = r?.result?.trim() ?? ''
    if (!text) return
    if (VOUCHER_TOKEN.test(text)) return verify({ token: text })
    if (VOUCHER_CODE.test(text)) return verify({ code: text })
    setOutcome({ ok: false, title: '不是兑换券二维码', message: '请扫描骑手「我的兑换券」页面上的二维码' })
  }

  return (
    <PageShell className='merchant-verify-page'>
      <View className='card m-form'>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='m-btn' style={{ marginTop: 0 }} disabled={(busy) || undefined} onClick={() => void scan()}>
            扫骑手的二维码
          </Button>
        ) : null}
        <View className='m-form__label' style={{ marginTop: process.env.TARO_ENV === 'weapp' ? '28px' : 0 }}>
          输入 8 位券码
        </View>
        <Input className='m-form__input verify-input' name='code' type='number' maxlength={9} value={code} placeholder='如 1234 5678' onInput={(e) => setCode(e.detail.value)} onConfirm={() => void submitCode()} />
        <Button className='m-btn' disabled={(busy) || undefined} onClick={() => void submitCode()}>
          {busy ? '核销中…' : '核销'}
        </Button>
      </View>
      {outcome ? (
        outcome.ok ? (
          <View className='card verify-result verify-result--ok' role='status'>
            <View className='verify-result__title'>核销成功</View>
            <View className='verify-result__text'>{outcome.r.itemTitle}</View>
            <View className='verify-result__meta'>
              券码 {outcome.r.code} · {outcome.r.price} 积分 · {formatDateTime(outcome.r.usedAt)}
            </View>
          </View>
        ) : (
          <View className='card verify-result verify-result--fail' role='alert'>
            <View className='verify-result__title'>{outcome.title}</View>
            <View className='verify-result__text'>{outcome.message}</View>
          </View>
        )
      ) : null}
    </PageShell>
  )
}
