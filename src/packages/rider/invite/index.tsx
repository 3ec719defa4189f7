import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import { ROLE_LABELS } from '@domain/user/model'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import '../rider.scss'

/** Staff given an invite code by a district admin redeem it here to get their role. */
export default function InvitePage() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>()
  const redeem = async () => {
    setBusy(true)
    setMsg(undefined)
    try {
      const r = await call('admin', 'redeemInvite', { code: code.trim() })
      setMsg({ ok: true, text: `已获得角色：${r.roles.map((x) => ROLE_LABELS[x]).join('、')}` })
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
    } catch (e) {
      setMsg({ ok: false, text: e instanceof AppError ? e.message : '兑换失败，请重试' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <PageShell className='invite-page'>
      <View className='card'>
        <View className='page-intro'>社区工作者、管理员由区管理员邀请。请输入收到的 8 位邀请码。</View>
        <Input className='form-input' name='code' value={code} maxlength={8} placeholder='如：K7M2Q9XP' onInput={(e) => setCode(e.detail.value.toUpperCase())} />
        {msg ? (
          <View className={msg.ok ? 'muted' : 'verify-form__error'} role={msg.ok ? 'status' : 'alert'}>
            {msg.text}
          </View>
        ) : null}
        <Button className='verify-form__submit' loading={busy} disabled={(busy || code.trim().length !== 8) || undefined} onClick={() => void redeem()}>
          兑换
        </Button>
      </View>
    </PageShell>
  )
}
