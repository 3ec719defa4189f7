import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ROLE_LABELS, VERIFICATION_LABELS, type MeView, type VerificationStatus } from '@domain/entities/user'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag, { type TagTone } from '@/components/Tag'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import { ErrorView, LoadingView } from '@/components/StatusViews'
import { DEV_SIGNIN_AVAILABLE, DevSignInPanel, SwitchIdentityButton } from '@/dev/DevSignIn'
import { WORKER_HOME, RIDER_PRIVACY } from '@/routes'
import { canUseWorkbench } from '@/utils/roles'
import './index.scss'

const VERIFICATION_TONE: Record<VerificationStatus, TagTone> = {
  unverified: 'default',
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
}

function Profile({ me }: { me: MeView }) {
  const initial = Array.from(me.nickname.trim())[0] ?? '小'
  return (
    <View className='me-profile card'>
      <View className='me-profile__avatar'>{initial}</View>
      <View className='me-profile__main'>
        <View className='me-profile__name'>{me.nickname}</View>
        <View className='me-profile__tags'>
          {me.roles.map((r) => (
            <Tag key={r} tone='primary'>
              {ROLE_LABELS[r] ?? r}
            </Tag>
          ))}
          <Tag tone={VERIFICATION_TONE[me.verification.status]}>
            {VERIFICATION_LABELS[me.verification.status] ?? me.verification.status}
          </Tag>
        </View>
      </View>
    </View>
  )
}

export default function MePage() {
  const { data: me, error, loading, refresh } = useCall('user', 'me', {})

  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })

  const go = (url: string) => () => void Taro.navigateTo({ url })
  const needsSignIn = error?.code === 'UNAUTHENTICATED' && DEV_SIGNIN_AVAILABLE

  let body
  if (needsSignIn) {
    body = <DevSignInPanel onSignedIn={() => void refresh()} />
  } else if (error && !me) {
    body = <ErrorView error={error} onRetry={() => void refresh()} />
  } else if (!me) {
    body = loading ? <LoadingView /> : null
  } else {
    body = (
      <>
        <Profile me={me} />
        <EntryGroup>
          {canUseWorkbench(me.roles) ? (
            <EntryCell title='社区工作台' description='管理本社区的驿站、活动与反馈' onClick={go(WORKER_HOME)} />
          ) : null}
          <EntryCell title='我的数据与隐私' description='查看我们保存了你的哪些信息、如何使用' onClick={go(RIDER_PRIVACY)} />
        </EntryGroup>
        {DEV_SIGNIN_AVAILABLE ? <SwitchIdentityButton onSignedOut={() => void refresh()} /> : null}
      </>
    )
  }

  return <PageShell className='me-page'>{body}</PageShell>
}
