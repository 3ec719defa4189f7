import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { VerifyPassView } from '@domain/identity/model'
import type { ManagedCompound } from '@domain/compounds/model'
import { useCall } from '@/hooks/useCall'
import { Chip } from '@/components/ChoiceChips'
import { PASS_RESULT_LABELS } from '@domain/identity/pass'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import '../identity.scss'

const WEAPP = process.env.TARO_ENV === 'weapp'

export function PassResultCard({ r }: { r: VerifyPassView }) {
  const label = PASS_RESULT_LABELS[r.result]
  return (
    <View className={`card pass-result pass-result--${r.result === 'valid' ? 'valid' : 'bad'}`} role='status'>
      <View className='pass-result__title'>{label.title}</View>
      {r.realNameMasked ? (
        <View className='pass-result__who'>
          {r.realNameMasked} · {r.platform}
          {r.riderRole ? ` · ${r.riderRole}` : ''}
        </View>
      ) : null}
      {r.communityName ? <View className='pass-result__detail'>{r.communityName}</View> : null}
      <View className='pass-result__detail'>{r.message}</View>
    </View>
  )
}

/**
 * The guard's gate (issue 16): the compound's rule for it, and 「放行」 counts one entry at this gate
 * today — a count only, nobody's name, time or place. Staff only; a merchant checking a pass sees
 * none of it (listMine refuses them).
 */
function GateDesk({ valid }: { valid: boolean }) {
  const { data } = useCall('compounds', 'listMine', {})
  const [chosen, setChosen] = useState<{ c: ManagedCompound; gateId: string } | null>(null)
  const [count, setCount] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  if (!data?.length) return null
  const gate = chosen?.c.gates.find((g) => g.id === chosen.gateId)
  const record = async () => {
    if (!chosen) return
    setBusy(true)
    try {
      const r = await call('compounds', 'recordEntry', { compoundId: chosen.c.id, gateId: chosen.gateId })
      setCount(r.count)
      void Taro.showToast({ title: `已放行，今日本门第 ${r.count} 次`, icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: e instanceof AppError ? e.message : '登记失败，请重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card gate-desk' aria-label='我的门岗'>
      <View className='id-note'>我在哪个门（只统计每个门每天的进门次数，不记录骑手）</View>
      {data.map((c) => (
        <View key={c.id} className='gate-desk__compound'>
          <View className='gate-desk__name'>{c.name}</View>
          <View className='gate-desk__gates'>
            {c.gates.map((g) => (
              <Chip
                key={g.id}
                on={chosen?.c.id === c.id && chosen.gateId === g.id}
                onClick={() => {
                  setChosen({ c, gateId: g.id })
                  setCount(null)
                }}
              >
                {g.name}
              </Chip>
            ))}
          </View>
        </View>
      ))}
      {gate && chosen ? (
        <View className='gate-desk__rule' role='status'>
          <View className='gate-desk__name'>
            {chosen.c.name} {gate.name}：{gate.entryLabel}
          </View>
          <View className='id-note'>{gate.guide}</View>
          <Chip tone='primary' busy={busy} disabled={busy || !valid || !gate.riderAllowed} onClick={() => void record()}>
            {valid ? '放行并计数' : '核验通过后可放行'}
          </Chip>
          {count !== null ? <View className='id-note'>今日本门已放行 {count} 次</View> : null}
        </View>
      ) : null}
    </View>
  )
}

/** Guards, merchants and workers check a rider's 小哥码: scan on weapp, paste on h5. Each check is logged. */
export default function PassCheckPage() {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<VerifyPassView | null>(null)
  const [error, setError] = useState<string>()

  const verify = async (token: string) => {
    if (!token.trim()) return setError('请扫描或粘贴小哥码')
    setBusy(true)
    setError(undefined)
    setResult(null)
    try {
      setResult(await call('identity', 'verifyPass', { token: token.trim() }))
    } catch (e) {
      setError(e instanceof AppError ? e.message : '核验失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  const scan = async () => {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(() => null)
    if (r?.result) await verify(r.result)
  }

  return (
    <PageShell className='pass-check-page'>
      <View className='card'>
        {WEAPP ? (
          <Button className='id-btn id-btn--primary' disabled={busy || undefined} onClick={() => void scan()}>
            扫描骑手的小哥码
          </Button>
        ) : (
          <>
            <View className='id-note'>本地演示：把骑手小哥码页面上的码（二维码内容）粘贴到这里。小程序里直接扫码。</View>
            <Input className='id-input' name='token' value={text} maxlength={300} placeholder='XG1.…' onInput={(e) => setText(e.detail.value)} onConfirm={() => void verify(text)} />
            <Button className='id-btn id-btn--primary id-row' loading={busy} disabled={busy || undefined} onClick={() => void verify(text)}>
              核验
            </Button>
          </>
        )}
        {error ? (
          <View className='form-field__error' role='alert'>
            {error}
          </View>
        ) : null}
      </View>
      {result ? <PassResultCard r={result} /> : null}
      <GateDesk valid={result?.result === 'valid'} />
    </PageShell>
  )
}
