/**
 * h5 only — the local emulator's demo sign-in (never part of the weapp bundle; see DevSignIn.tsx).
 * GET /__/auth/personas lists demo users; POST /__/auth/signin {openid} sets a session cookie the
 * gateway turns into the openid the functions see; POST /__/auth/signout clears it.
 */
import { useCallback, useEffect, useState } from 'react'
import { Button, View } from '@tarojs/components'
import './DevSignIn.scss'

export const DEV_SIGNIN_AVAILABLE = true

export interface DemoPersona {
  openid: string
  label: string
  description?: string
}

const base = () => (process.env.TARO_APP_API_BASE || '').replace(/\/$/, '')

async function authFetch(path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(`${base()}/__/auth/${path}`, {
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    ...init,
  })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return res
}

export async function fetchPersonas(): Promise<DemoPersona[]> {
  const body = (await (await authFetch('personas')).json()) as unknown
  const list = Array.isArray(body) ? body : (body as { personas?: unknown })?.personas
  if (!Array.isArray(list)) throw new Error('bad personas')
  return list.filter((p): p is DemoPersona => typeof p?.openid === 'string' && typeof p?.label === 'string')
}

export async function devSignIn(openid: string): Promise<void> {
  await authFetch('signin', { method: 'POST', body: JSON.stringify({ openid }) })
}

export async function devSignOut(): Promise<void> {
  await authFetch('signout', { method: 'POST', body: '{}' })
}

export function DevSignInPanel({ onSignedIn }: { onSignedIn: () => void }) {
  const [personas, setPersonas] = useState<DemoPersona[]>()
  const [failed, setFailed] = useState(false)
  const [busy, setBusy] = useState<string>()

  const load = useCallback(() => {
    setFailed(false)
    fetchPersonas()
      .then(setPersonas)
      .catch(() => setFailed(true))
  }, [])
  useEffect(load, [load])

  const pick = async (p: DemoPersona) => {
    setBusy(p.openid)
    try {
      await devSignIn(p.openid)
      onSignedIn()
    } catch {
      setFailed(true)
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <View className='dev-signin card' data-testid='dev-signin'>
      <View className='card__title'>演示登录</View>
      <View className='dev-signin__note'>
        这是本地演示环境（模拟器），选择一个演示身份即可体验。正式小程序中由微信自动识别身份，不会出现此面板。
      </View>
      {failed ? (
        <View className='dev-signin__error'>
          无法连接本地模拟器，请确认模拟器已启动。
          <Button className='dev-signin__retry' onClick={load}>
            重试
          </Button>
        </View>
      ) : null}
      {!personas && !failed ? <View className='muted'>正在读取演示身份…</View> : null}
      {personas?.map((p) => (
        <View
          key={p.openid}
          className={`dev-signin__persona${busy === p.openid ? ' dev-signin__persona--busy' : ''}`}
          role='button'
          onClick={() => (busy ? undefined : void pick(p))}
        >
          <View className='dev-signin__label'>{p.label}</View>
          {p.description ? <View className='dev-signin__desc'>{p.description}</View> : null}
        </View>
      ))}
    </View>
  )
}

export function SwitchIdentityButton({ onSignedOut }: { onSignedOut: () => void }) {
  const [busy, setBusy] = useState(false)
  return (
    <Button
      className='dev-signin__switch'
      loading={busy}
      onClick={async () => {
        setBusy(true)
        try {
          await devSignOut()
        } catch {
          // Signing out of a dead emulator: showing the sign-in panel is still right.
        }
        setBusy(false)
        onSignedOut()
      }}
    >
      切换身份（演示）
    </Button>
  )
}
