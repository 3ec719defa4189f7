import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import { ROLE_LABELS, VERIFICATION_LABELS, type MeView, type VerificationStatus } from '@domain/user/model'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag, { type TagTone } from '@/components/Tag'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import { Loaded } from '@/components/StatusViews'
import { DEV_SIGNIN_AVAILABLE, DevSignInPanel, SwitchIdentityButton } from '@/dev/DevSignIn'
import { WORKER_HOME, RIDER_PRIVACY, VOLUNTEER_LIST, MERCHANT_HOME, COMPOUND_GUIDE } from '@/routes'
import { RIDER_INVITE, RIDER_PASS, RIDER_VERIFY, WORKER_PASS_CHECK } from '@/routes'
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
        <VerificationLine me={me} />
      </View>
    </View>
  )
}

/** Platform, community and masked phone of a rider who has applied (从「身份认证」). */
function VerificationLine({ me }: { me: MeView }) {
  const v = me.verification
  const parts = [v.platform && v.riderRole ? `${v.platform}${v.riderRole}` : v.platform, v.communityName, v.phoneMasked].filter(Boolean)
  if (!parts.length) return null
  return <View className='me-profile__detail'>{parts.join(' · ')}</View>
}

const VERIFY_HINT: Record<VerificationStatus, string> = {
  unverified: '认证后可使用小哥码快速进出友好小区',
  pending: '审核中，结果会通过服务通知告诉你',
  verified: '认证通过，可查看或修改认证资料',
  rejected: '未通过，查看原因并重新申请',
}

export default function MePage() {
  const { data: me, error, loading, refresh } = useCall('user', 'me', {})

  usePullToRefresh(() => refresh())

  const go = (url: string) => () => void Taro.navigateTo({ url })
  const needsSignIn = error?.code === 'UNAUTHENTICATED' && DEV_SIGNIN_AVAILABLE

  let body
  if (needsSignIn) {
    body = <DevSignInPanel onSignedIn={() => void refresh()} />
  } else {
    body = (
      <Loaded state={{ data: me, error, loading, refresh }}>
        {(me) => (
      <>
        <Profile me={me} />
        <EntryGroup>
          {me.roles.includes('rider') ? <EntryCell title='身份认证' description={VERIFY_HINT[me.verification.status]} onClick={go(RIDER_VERIFY)} /> : null}
          {me.verification.status === 'verified' ? <EntryCell title='小哥码' description='出示给门岗或商家，30 秒自动刷新' onClick={go(RIDER_PASS)} /> : null}
          {me.roles.some((r) => r === 'worker' || r === 'merchant' || r === 'admin') ? (
            <EntryCell title='核验小哥码' description='扫描骑手的小哥码，确认是否为认证骑手' onClick={go(WORKER_PASS_CHECK)} />
          ) : null}
          {canUseWorkbench(me.roles) ? (
            <EntryCell title='社区工作台' description='管理本社区的驿站、活动与反馈' onClick={go(WORKER_HOME)} />
          ) : null}
          <EntryCell title='小区通行指引' description='输入小区和楼号：走哪个门、车停哪、怎么走到楼下' onClick={go(COMPOUND_GUIDE)} />
          <EntryCell title='志愿活动' description='报名巡逻、助老专送、骑士学院课程，查看服务时长' onClick={go(VOLUNTEER_LIST)} />
          {me.roles.includes('merchant') ? (
            <EntryCell title='商家中心' description='核销兑换券、管理兑换品、查看今日兑换' onClick={go(MERCHANT_HOME)} />
          ) : (
            <EntryCell title='成为爱心商家' description='为骑手提供饮水、充电或优惠，店铺上服务地图' onClick={go(MERCHANT_HOME)} />
          )}
          <EntryCell title='兑换邀请码' description='社区工作者、管理员凭邀请码开通' onClick={go(RIDER_INVITE)} />
          <EntryCell title='我的数据与隐私' description='查看我们保存了你的哪些信息、如何使用' onClick={go(RIDER_PRIVACY)} />
        </EntryGroup>
        {DEV_SIGNIN_AVAILABLE ? <SwitchIdentityButton onSignedOut={() => void refresh()} /> : null}
      </>
        )}
      </Loaded>
    )
  }

  return <PageShell className='me-page'>{body}</PageShell>
}
