import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import type { MeView } from '@domain/user/model'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import { EmptyView, Loaded } from '@/components/StatusViews'
import Tag from '@/components/Tag'
import EntryCell, { EntryGroup } from '@/components/EntryCell'
import { WORKER_ACTIVITIES, WORKER_PLACES, WORKER_MERCHANTS, WORKER_MERCHANT_MANAGE, WORKER_COMPOUND_FLAGS } from '@/routes'
import { WORKER_ADMIN, WORKER_IDENTITY_REVIEW, WORKER_MALL_ITEMS, WORKER_PASS_CHECK, WORKER_SUGGESTIONS, WORKER_VOUCHER_CHECK } from '@/routes'
import { canUseWorkbench } from '@/utils/roles'
import { useSettings } from '@/hooks/useSettings'
import Todo from './Todo'
import Figures from './Figures'
import './index.scss'

interface Duty {
  title: string
  text: string
}

/** What each role does here, stated plainly; the tools arrive with their features. */
const WORKER_DUTIES: Duty[] = [
  { title: '维护驿站信息', text: '登记、核实本社区驿站与爱心点位的位置、设施和开放时间' },
  { title: '受理微事我言', text: '查看本社区骑手反映的问题，受理、转办并回复进度' },
  { title: '组织志愿活动', text: '发布活动、管理报名名额、确认参与并发放积分' },
  { title: '审核骑手认证', text: '核对骑手提交的从业信息（只看打码后的手机号）' },
  { title: '积分商城', text: '上架驿站能提供的兑换品，骑手到站出示券码时核销；复核本社区商家的兑换品' },
]

const ADMIN_DUTIES: Duty[] = [
  { title: '设置社区与授权', text: '维护全区社区名单，授权社区工作者及其负责的社区' },
  { title: '审核爱心商家', text: '审核商家入驻申请，复核或下架商家的兑换品' },
  { title: '查看访问记录', text: '工作人员每次查看骑手个人信息都会记入审计日志' },
]

function DutyList({ title, duties }: { title: string; duties: Duty[] }) {
  return (
    <View className='card'>
      <View className='card__title'>{title}</View>
      {duties.map((d) => (
        <View key={d.title} className='duty'>
          <View className='duty__title'>{d.title}</View>
          <View className='duty__text'>{d.text}</View>
        </View>
      ))}
    </View>
  )
}

function Workbench({ me }: { me: MeView }) {
  const isWorker = me.roles.includes('worker')
  const isAdmin = me.roles.includes('admin')
  const todo = useCall('workbench', 'todo', {})
  const { settings } = useSettings()
  const communities = (settings?.communities ?? []).filter((c) => isAdmin || me.workerCommunityIds.includes(c.id)).map((c) => ({ id: c.id, name: c.name }))
  return (
    <View className='workbench'>
      <View className='workbench__side'>
        <Loaded state={{ data: todo.data, error: todo.error, loading: todo.loading }} onRetry={() => void todo.refresh()} loadingText='正在统计待办…'>
          {(t) => <Todo todo={t} />}
        </Loaded>
        <View className='card'>
          <View className='card__title'>{me.nickname}</View>
          {isWorker ? <Tag tone='primary'>社区工作者</Tag> : null}
          {isAdmin ? <Tag tone='primary'>管理员</Tag> : null}
          {isWorker ? (
            <View className='muted worker-scope'>
              {me.workerCommunityIds.length
                ? `负责 ${me.workerCommunityIds.length} 个社区，只能处理这些社区内的事务。`
                : '还没有为你分配社区，请联系区管理员授权。'}
            </View>
          ) : null}
        </View>
        <EntryGroup>
          <EntryCell title='骑手认证审核' description='审核本社区骑手的认证申请（手机号、姓名已打码）' onClick={() => void Taro.navigateTo({ url: WORKER_IDENTITY_REVIEW })} />
          <EntryCell title='核验小哥码' description='扫码确认骑手是否已认证' onClick={() => void Taro.navigateTo({ url: WORKER_PASS_CHECK })} />
          {isAdmin ? <EntryCell title='社区与授权' description='新建社区，授权社区工作者和管理员' onClick={() => void Taro.navigateTo({ url: WORKER_ADMIN })} /> : null}
          <EntryCell title='微事我言' description='本社区骑手反映的问题：受理、转办、回复、办结，超期优先；统计' onClick={() => void Taro.navigateTo({ url: WORKER_SUGGESTIONS })} />
          <EntryCell title='小区通行' description='骑手反馈的门关了、楼号不对、车停不了、柜子和坡道；新建小区，修改门、楼、泊位、快递柜和隐患' onClick={() => void Taro.navigateTo({ url: WORKER_COMPOUND_FLAGS })} />
          <EntryCell title='地点管理' description='驿站、饮水点等的信息、营业时间、临时关闭，打卡统计和骑手反馈' onClick={() => void Taro.navigateTo({ url: WORKER_PLACES })} />
          <EntryCell title='志愿活动' description='发布活动、报名名单与候补、签到码、导出名单' onClick={() => void Taro.navigateTo({ url: WORKER_ACTIVITIES })} />
          <EntryCell title='爱心商家审核' description='审核本社区商家的入驻申请，查看营业执照' onClick={() => void Taro.navigateTo({ url: WORKER_MERCHANTS })} />
          <EntryCell title='商家管理' description='已入驻商家的在售兑换品、近 30 天核销；暂停或恢复服务' onClick={() => void Taro.navigateTo({ url: WORKER_MERCHANT_MANAGE })} />
          <EntryCell title='积分商城' description='上架驿站的兑换品、看库存；复核或下架本社区商家的兑换品' onClick={() => void Taro.navigateTo({ url: WORKER_MALL_ITEMS })} />
          <EntryCell title='核销兑换券' description='骑手在驿站出示社区兑换品的券码或二维码时核销' onClick={() => void Taro.navigateTo({ url: WORKER_VOUCHER_CHECK })} />
        </EntryGroup>
        {isWorker ? <DutyList title='你可以做的事' duties={WORKER_DUTIES} /> : null}
        {isAdmin ? <DutyList title='管理员职责' duties={ADMIN_DUTIES} /> : null}
      </View>
      <View className='workbench__main'>
        <View className='page-title'>数据看板</View>
        <Figures communities={communities} />
      </View>
    </View>
  )
}

export default function WorkerHome() {
  const { data: me, error, loading, refresh } = useCall('user', 'me', {})
  usePullToRefresh(() => refresh())

  const body = (
    <Loaded state={{ data: me, error: error, loading }} onRetry={() => void refresh()}>
      {(me) => {
    if (!canUseWorkbench(me.roles))
      return (
        <EmptyView
          title='工作台仅对社区工作者开放'
          description='社区工作者和管理员由区委社会工作部授权。如果你是社区工作者，请联系区管理员为你开通。'
        />
      )
    return <Workbench me={me} />
      }}
    </Loaded>
  )

  return <PageShell className='worker-page'>{body}</PageShell>
}
