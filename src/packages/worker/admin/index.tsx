import { useState } from 'react'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { communityInput } from '@domain/admin/contract'
import type { CommunityView } from '@domain/identity/model'
import { problemsOf } from '@domain/validation'
import FormField from '@/components/FormField'
import { AppError } from '@domain/errors'
import type { GrantableRole, InviteView } from '@domain/identity/model'
import { ROLE_LABELS } from '@domain/user/model'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { useSettings } from '@/hooks/useSettings'
import LocationPicker from '@/components/LocationPicker'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import ChoiceChips from '@/components/ChoiceChips'
import { Loaded } from '@/components/StatusViews'
import { SAVED_TOAST, saveJsonFile } from '@/utils/save-file'
import type { ProcessingRecords } from '@domain/user/consent'
import '../identity.scss'

function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const run = async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(undefined)
    try {
      return await f()
    } catch (e) {
      setError(e instanceof AppError ? e.message : '操作失败，请重试')
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}

const Err = ({ text }: { text?: string }) =>
  text ? (
    <View className='form-field__error' role='alert'>
      {text}
    </View>
  ) : null

const NO_COMMUNITY = { name: '', street: '', district: '', longitude: '', latitude: '' }

const KIND_OPTIONS = (['worker', 'admin'] as const).map((k) => ({ value: k, label: ROLE_LABELS[k] }))

/** District admins: communities, staff roles by invite code or openid, and the staff list. */
/** 个人信息处理记录: the record of processing activities and the district's 注销 records, as a file (PIPL art. 54). */
function ProcessingRecordsCard() {
  const [data, setData] = useState<ProcessingRecords | null>(null)
  const act = useAction()
  const load = () => act.run(async () => setData(await call('user', 'processingRecords', {})))
  const save = async () => {
    if (!data) return
    const how = await saveJsonFile(`xiaoge-processing-records-${data.generatedAt.slice(0, 10)}.json`, data)
    void Taro.showToast({ title: SAVED_TOAST[how], icon: 'success' })
  }
  const done = data?.deletions.filter((d) => d.status === 'done').length ?? 0
  return (
    <View className='card processing-card'>
      <View className='card__title'>个人信息处理记录</View>
      <View className='id-note'>每个数据集合保存哪些个人信息、保存多久、注销时如何处理，以及全区的注销记录（不含姓名和微信标识）。</View>
      {!data ? (
        <Button className='id-btn id-row processing-card__load' disabled={act.busy || undefined} onClick={() => void load()}>
          {act.busy ? '正在整理…' : '查看处理记录'}
        </Button>
      ) : (
        <>
          <View className='id-item__line processing-card__summary'>
            {data.collections.length} 个数据集合 · 注销已完成 {done} 件 · 待执行 {data.deletions.length - done} 件
          </View>
          {data.collections.map((c) => (
            <View key={c.collection} className='id-item__line'>
              {c.title}：{c.retention}
            </View>
          ))}
          <Button className='id-btn id-btn--primary id-row processing-card__save' onClick={() => void save()}>
            导出为文件
          </Button>
        </>
      )}
      <Err text={act.error} />
    </View>
  )
}

export default function AdminPage() {
  const { settings, refresh: refreshSettings } = useSettings()
  const staff = useCall('admin', 'listStaff', {})
  const [c, setC] = useState(NO_COMMUNITY)
  /** the community being edited; null: the form makes a new one */
  const [editing, setEditing] = useState<string | null>(null)
  const [cProblems, setCProblems] = useState<Record<string, string>>({})
  const [kind, setKind] = useState<GrantableRole>('worker')
  const [picked, setPicked] = useState<string[]>([])
  const [userId, setUserId] = useState('')
  const [invite, setInvite] = useState<InviteView | null>(null)
  const community = useAction()
  const grant = useAction()

  usePullToRefresh(() => Promise.all([refreshSettings(), staff.refresh()]))

  if (!staff.data || !settings)
    return (
      <PageShell className='admin-page'>
        <Loaded state={{ data: undefined, error: staff.error }} onRetry={() => void staff.refresh()}>{() => null}</Loaded>
      </PageShell>
    )

  const communities = settings.communities
  const names = new Map(communities.map((x) => [x.id, x.name]))
  const scope = kind === 'worker' ? { communityIds: picked } : {}

  const saveCommunity = async () => {
    const centre = c.longitude.trim() && c.latitude.trim() ? { centre: { longitude: Number(c.longitude), latitude: Number(c.latitude) } } : {}
    const input = { name: c.name.trim(), street: c.street.trim(), district: c.district.trim(), ...centre }
    const found: Record<string, string> = {}
    for (const [k, m] of Object.entries(problemsOf(communityInput, input))) found[k.split('.')[0]] ??= m
    setCProblems(found)
    if (Object.keys(found).length) return
    const id = editing
    const saved = await community.run(() => (id ? call('admin', 'updateCommunity', { communityId: id, ...input }) : call('admin', 'createCommunity', input)))
    if (saved) {
      setC(NO_COMMUNITY)
      setEditing(null)
      // every page's communities come from the settings: ask for them again now
      await refreshSettings()
    }
  }
  const edit = (x: CommunityView | null) => {
    setEditing(x?.id ?? null)
    setCProblems({})
    setC(x ? { name: x.name, street: x.street, district: x.district, longitude: x.centre ? String(x.centre.longitude) : '', latitude: x.centre ? String(x.centre.latitude) : '' } : NO_COMMUNITY)
  }
  const makeInvite = async () => {
    const made = await grant.run(() => call('admin', 'createInvite', { kind, ...scope }))
    if (made) setInvite(made)
  }
  const grantById = async () => {
    if (await grant.run(() => call('admin', 'grantRole', { userId: userId.trim(), kind, ...scope }))) {
      setUserId('')
      await staff.refresh()
    }
  }
  const revoke = async (id: string, k: GrantableRole) => {
    if (await grant.run(() => call('admin', 'revokeRole', { userId: id, kind: k }))) await staff.refresh()
  }

  return (
    <PageShell className='admin-page'>
      <View className='card'>
        <View className='card__title'>社区（{communities.length}）</View>
        <View className='admin-communities'>
          {communities.map((x) => (
            <View key={x.id} className={`admin-community${editing === x.id ? ' admin-community--on' : ''}`}>
              <View className='admin-community__text'>
                <View className='admin-community__name'>{x.name}</View>
                <View className='id-item__line'>
                  {x.district} · {x.street}
                  {x.centre ? '' : ' · 未设中心位置'}
                </View>
              </View>
              <Button className='id-btn' size='mini' aria-label={`编辑${x.name}`} onClick={() => edit(x)}>
                编辑
              </Button>
            </View>
          ))}
        </View>
        <View className='card__title'>{editing ? `编辑社区：${names.get(editing) ?? ''}` : '新建社区'}</View>
        <FormField label='社区名称' required error={cProblems.name}>
          <Input className='form-input' name='communityName' value={c.name} maxlength={30} placeholder='如：某某社区' onInput={(e) => setC({ ...c, name: e.detail.value })} />
        </FormField>
        <FormField label='所属街道' required error={cProblems.street}>
          <Input className='form-input' name='street' value={c.street} maxlength={30} placeholder='如：某某街道' onInput={(e) => setC({ ...c, street: e.detail.value })} />
        </FormField>
        <FormField label='所属区' required error={cProblems.district}>
          <Input className='form-input' name='district' value={c.district} maxlength={30} placeholder='如：某某市某某区' onInput={(e) => setC({ ...c, district: e.detail.value })} />
        </FormField>
        <FormField label='社区中心位置' hint='选填：地图以最早建立的社区为默认中心，各社区也是地图上的快捷选点' error={cProblems.centre}>
          <LocationPicker typed={false} longitude={c.longitude} latitude={c.latitude} onChange={(v) => setC({ ...c, longitude: v.longitude, latitude: v.latitude })} />
        </FormField>
        <Err text={community.error} />
        <Button className='id-btn id-btn--primary id-row' disabled={community.busy || undefined} onClick={() => void saveCommunity()}>
          {editing ? '保存修改' : '新建社区'}
        </Button>
        {editing ? (
          <Button className='id-btn id-row' onClick={() => edit(null)}>
            取消编辑
          </Button>
        ) : null}
      </View>

      <View className='card'>
        <View className='card__title'>授权</View>
        <ChoiceChips options={KIND_OPTIONS} value={kind} onChange={setKind} />
        {kind === 'worker' ? (
          <>
            <View className='id-note id-row'>负责的社区（可多选）：</View>
            <ChoiceChips multiple options={communities.map((x) => ({ value: x.id, label: x.name }))} value={picked} onChange={setPicked} />
          </>
        ) : null}
        <Button className='id-btn id-btn--primary id-row' disabled={grant.busy || undefined} onClick={() => void makeInvite()}>
          生成邀请码
        </Button>
        {invite ? (
          <View className='id-row' role='status'>
            邀请码 <View className='pass-result__title'>{invite.code}</View>
            <Button className='id-btn' size='mini' onClick={() => void Taro.setClipboardData({ data: invite.code }).catch(() => undefined)}>
              复制邀请码
            </Button>
            <View className='id-note'>7 天内有效，只能使用一次。对方在「我的 → 兑换邀请码」中输入。</View>
          </View>
        ) : null}
        <View className='id-note id-row'>或者按微信用户标识直接授权（对方需已打开过小程序）：</View>
        <Input className='form-input' name='userId' value={userId} maxlength={64} placeholder='微信用户标识' onInput={(e) => setUserId(e.detail.value)} />
        <Button className='id-btn id-row' disabled={(grant.busy || !userId.trim()) || undefined} onClick={() => void grantById()}>
          授权
        </Button>
        <Err text={grant.error} />
      </View>

      <View className='card'>
        <View className='card__title'>工作人员（{staff.data.length}）</View>
        {staff.data.map((s) => (
          <View key={s.userId} className='id-item id-row'>
            <View className='id-item__head'>
              <View className='id-item__name'>{s.nickname}</View>
              <View>
                {s.roles
                  .filter((r) => r === 'worker' || r === 'admin')
                  .map((r) => (
                    <Tag key={r} tone='primary'>
                      {ROLE_LABELS[r]}
                    </Tag>
                  ))}
              </View>
            </View>
            {s.workerCommunityIds.length ? <View className='id-item__line'>负责：{s.workerCommunityIds.map((id) => names.get(id) ?? id).join('、')}</View> : null}
            <View className='id-item__line'>编号：{s.userId}</View>
            <View className='id-item__actions'>
              {s.roles.includes('worker') ? (
                <Button className='id-btn id-btn--danger' size='mini' disabled={grant.busy || undefined} onClick={() => void revoke(s.userId, 'worker')}>
                  撤销社区工作者
                </Button>
              ) : null}
              {s.roles.includes('admin') ? (
                <Button className='id-btn id-btn--danger' size='mini' disabled={grant.busy || undefined} onClick={() => void revoke(s.userId, 'admin')}>
                  撤销管理员
                </Button>
              ) : null}
            </View>
          </View>
        ))}
      </View>
      <ProcessingRecordsCard />
    </PageShell>
  )
}
