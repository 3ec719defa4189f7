import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { InputOf } from '@domain/contract'
import type { VerifyResult } from '@domain/entities/mall'
import { VOUCHER_CODE, VOUCHER_TOKEN } from '@domain/points/rules'
import PillButton from '@/components/PillButton'
import { formatDateTime } from '@domain/time'
import './index.scss'

/** What the counter sends (the same for a shop and a station). */
export type VerifyInput = InputOf<'mall', 'verify'>
type Outcome = { ok: true; r: VerifyResult } | { ok: false; title: string; message: string }

/** What a refusal means at the counter. `notYours`: the title when the code belongs elsewhere. */
export function describeFailure(e: AppError, notYours: string): { title: string; message: string } {
  switch (e.code) {
    case 'CONFLICT':
      return { title: /取消/.test(e.message) ? '这张券已取消' : '这张券已经使用过', message: e.message }
    case 'EXPIRED':
      return { title: '已过期', message: e.message }
    case 'NOT_FOUND':
      return { title: notYours, message: `${e.message}。请核对后再试。` }
    case 'VALIDATION':
      return { title: '券码无效', message: e.message }
    default:
      return { title: '核销失败', message: e.message }
  }
}

/** What the scanner read: a voucher QR token, a bare 8-digit code, or something else (null). */
export function parseScan(text: string): VerifyInput | null {
  const t = text.trim()
  if (VOUCHER_TOKEN.test(t)) return { token: t }
  if (VOUCHER_CODE.test(t)) return { code: t }
  return null
}

/**
 * 核销 at the counter: scan the rider's QR code (weapp) or type the 8-digit code; a big green or
 * red answer says what happened, in words the person at the counter can act on.
 */
export default function VoucherVerifier({ verify, notYours }: { verify: (input: VerifyInput) => Promise<VerifyResult>; notYours: string }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const run = async (input: VerifyInput) => {
    setBusy(true)
    setOutcome(null)
    try {
      setOutcome({ ok: true, r: await verify(input) })
      setCode('')
    } catch (e) {
      setOutcome({ ok: false, ...describeFailure(e instanceof AppError ? e : new AppError('INTERNAL'), notYours) })
    } finally {
      setBusy(false)
    }
  }

  const submitCode = () => {
    const c = code.replace(/\s/g, '')
    if (!VOUCHER_CODE.test(c)) return setOutcome({ ok: false, title: '券码应为 8 位数字', message: '请核对骑手出示的券码' })
    return run({ code: c })
  }

  const scan = async () => {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null)
    if (!r?.result?.trim()) return
    const input = parseScan(r.result)
    if (input) return run(input)
    setOutcome({ ok: false, title: '不是兑换券二维码', message: '请扫描骑手「我的兑换券」页面上的二维码' })
  }

  const weapp = process.env.TARO_ENV === 'weapp'
  return (
    <View className='voucher-verifier'>
      <View className='card'>
        {weapp ? (
          <PillButton className='voucher-verifier__btn voucher-verifier__btn--first' disabled={busy} onClick={() => void scan()}>
            扫骑手的二维码
          </PillButton>
        ) : null}
        <View className={`voucher-verifier__label${weapp ? ' voucher-verifier__label--gap' : ''}`}>输入 8 位券码</View>
        <Input className='voucher-verifier__input verify-input' name='code' type='number' maxlength={9} value={code} placeholder='如 1234 5678' onInput={(e) => setCode(e.detail.value)} onConfirm={() => void submitCode()} />
        <PillButton className='voucher-verifier__btn' disabled={busy} onClick={() => void submitCode()}>
          {busy ? '核销中…' : '核销'}
        </PillButton>
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
    </View>
  )
}
