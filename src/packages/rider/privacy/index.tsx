import { View } from '@tarojs/components'
import { ROLE_LABELS, VERIFICATION_LABELS, type MeView } from '@domain/entities/user'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import { Loaded } from '@/components/StatusViews'
import './index.scss'
import { formatDate } from '@domain/time'

/** What we collect, why, and for how long — the same facts as the privacy guideline. */
const COLLECTED: { what: string; why: string; keep: string }[] = [
  { what: '微信用户标识（openid）', why: '识别你的账号，由微信提供，不含手机号和微信号', keep: '账号注销前' },
  { what: '昵称、角色和认证状态', why: '显示在“我的”页面，决定你能使用哪些功能', keep: '账号注销前' },
  { what: '位置（仅在你使用时）', why: '查找附近驿站、到站签到；不在后台持续定位，不记录行动轨迹', keep: '签到只记录你与驿站的距离，不保存你的坐标' },
  { what: '手机号（仅骑手认证时）', why: '通过微信授权获取，用于核实骑手身份', keep: '只保存打码后的号码（如 138****1234），不保存完整号码' },
  { what: '你上传的照片和文字', why: '反映问题、认证材料；认证照片只有你所在社区的审核人员能通过临时链接查看', keep: '重新提交认证时，旧照片即删除' },
  { what: '积分明细', why: '记录积分的获得与兑换', keep: '账号注销前' },
]

const NOT_COLLECTED = '我们不收集身份证号码，不进行人脸识别，浏览驿站信息不需要认证或手机号。'

function Held({ me }: { me: MeView }) {
  const rows: [string, string][] = [
    ['昵称', me.nickname],
    ['角色', me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') || '—'],
    ['认证状态', VERIFICATION_LABELS[me.verification.status] ?? me.verification.status],
    ['负责的社区', me.workerCommunityIds.length ? `${me.workerCommunityIds.length} 个` : '无'],
    ['账号创建时间', dateOf(me.createdAt)],
  ]
  return (
    <View className='card'>
      <View className='card__title'>我们目前保存的你的资料</View>
      {rows.map(([k, v]) => (
        <View key={k} className='kv'>
          <View className='kv__key'>{k}</View>
          <View className='kv__value'>{v}</View>
        </View>
      ))}
    </View>
  )
}

const dateOf = (iso: string): string => (Number.isNaN(new Date(iso).getTime()) ? '—' : formatDate(iso))

export default function PrivacyPage() {
  const { data: me, error, loading, refresh } = useCall('user', 'me', {})
  return (
    <PageShell className='privacy-page'>
      <Loaded state={{ data: me, error, loading, refresh }}>{(me) => <Held me={me} />}</Loaded>
      <View className='card'>
        <View className='card__title'>我们收集什么、为什么</View>
        {COLLECTED.map((c) => (
          <View key={c.what} className='collected'>
            <View className='collected__what'>{c.what}</View>
            <View className='collected__why'>{c.why}</View>
            <View className='collected__keep'>保存期限：{c.keep}</View>
          </View>
        ))}
        <View className='privacy-note'>{NOT_COLLECTED}</View>
      </View>
      <View className='card'>
        <View className='card__title'>你的权利</View>
        <View className='privacy-text'>
          依照《中华人民共和国个人信息保护法》，你有权查阅、复制、更正和删除你的个人信息，也可以注销账号；目前请联系所在社区的工作人员办理。工作人员查看你的认证资料时都会留下审计记录。
        </View>
      </View>
    </PageShell>
  )
}
