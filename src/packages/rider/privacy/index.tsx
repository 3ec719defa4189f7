import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Switch, View } from '@tarojs/components'
import { ROLE_LABELS, VERIFICATION_LABELS, type MeView } from '@domain/user/model'
import type { ConsentChoices, MyDataExport } from '@domain/user/consent'
import { CONSENT_SCOPES, CONSENT_SCOPE_LABELS, PRIVACY_NOTICE } from '@domain/privacy'
import { AppError } from '@domain/errors'
import { formatDate as formatDay, formatDateTime } from '@domain/time'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { useAction } from '@/hooks/useAction'
import PageShell from '@/components/PageShell'
import PillButton from '@/components/PillButton'
import { ErrorView, Loaded } from '@/components/StatusViews'
import { SAVED_TOAST, saveJsonFile } from '@/utils/save-file'
import './index.scss'

const NOT_COLLECTED = '我们不收集身份证号码，不进行人脸识别，浏览驿站信息不需要认证或手机号。'

/** Beijing time, as every page shows it (domain/time). */
function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso || Number.isNaN(new Date(iso).getTime())) return '—'
  return withTime ? formatDateTime(iso) : formatDay(iso)
}

function Held({ me }: { me: MeView }) {
  const rows: [string, string][] = [
    ['昵称', me.nickname],
    ['角色', me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') || '—'],
    ['认证状态', VERIFICATION_LABELS[me.verification.status] ?? me.verification.status],
    ['负责的社区', me.workerCommunityIds.length ? `${me.workerCommunityIds.length} 个` : '无'],
    ['账号创建时间', formatDate(me.createdAt)],
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

/**
 * Location, phone and photos agreed to one by one, and changed here at any time; a new notice
 * version asks again. (The first-open notice records the notice with the three off: they are asked
 * when a feature needs them.)
 */
function Consent() {
  const { data, error, refresh } = useCall('user', 'consentStatus', {})
  const [edited, setEdited] = useState<ConsentChoices | null>(null)
  const { busy, run } = useAction()
  if (error && !data) return <ErrorView error={error} onRetry={() => void refresh()} />
  if (!data) return null
  const stored: ConsentChoices = data.current && !data.needsConsent ? { location: data.current.location, phone: data.current.phone, photos: data.current.photos } : { location: true, phone: true, photos: true }
  const choices = edited ?? stored
  const changed = CONSENT_SCOPES.some((s) => choices[s] !== stored[s])
  const save = () =>
    run(
      () =>
        call('user', 'consent', { version: data.notice.version, ...choices }).then(() => {
          setEdited(null)
          return refresh()
        }),
      '已记录你的选择',
    )
  return (
    <View className='card consent-card'>
      <View className='card__title'>{data.needsConsent ? '请阅读并确认个人信息保护说明' : '你的授权'}</View>
      {data.current ? <View className='privacy-text'>你于 {formatDate(data.current.at, true)} 同意了第 {data.current.version} 版说明。</View> : null}
      {data.current && data.needsConsent ? <View className='privacy-text'>说明已更新（第 {data.notice.version} 版），请重新确认。</View> : null}
      {CONSENT_SCOPES.map((s) => (
        <View key={s} className='consent-row'>
          <View className='consent-row__main'>
            <View className='collected__what'>{CONSENT_SCOPE_LABELS[s].title}</View>
            <View className='collected__why'>{CONSENT_SCOPE_LABELS[s].purpose}</View>
          </View>
          <Switch checked={choices[s]} onChange={(e) => setEdited({ ...choices, [s]: e.detail.value })} />
        </View>
      ))}
      {data.needsConsent || changed ? (
        <PillButton className='consent-card__agree' disabled={busy} onClick={() => void save()}>
          {data.needsConsent ? '同意并继续' : '保存我的选择'}
        </PillButton>
      ) : null}
    </View>
  )
}

/** 导出我的数据: every collection that holds something about the caller, readable here and as a file. */
function ExportCard() {
  const [data, setData] = useState<MyDataExport | null>(null)
  const [busy, setBusy] = useState(false)
  const load = async () => {
    setBusy(true)
    try {
      setData(await call('user', 'exportMine', {}))
    } catch (e) {
      void Taro.showToast({ title: e instanceof AppError ? e.message : '导出失败', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const save = async () => {
    if (!data) return
    const how = await saveJsonFile(`xiaoge-my-data-${data.exportedAt.slice(0, 10)}.json`, data)
    void Taro.showToast({ title: SAVED_TOAST[how], icon: 'success' })
  }
  return (
    <View className='card export-card'>
      <View className='card__title'>导出我的数据</View>
      <View className='privacy-text'>查看并保存我们保存的关于你的全部信息（JSON 文件）。</View>
      {!data ? (
        <PillButton className='export-card__load' disabled={busy} onClick={() => void load()}>
          {busy ? '正在整理…' : '导出我的数据'}
        </PillButton>
      ) : (
        <>
          {data.verification ? (
            <View className='kv'>
              <View className='kv__key'>认证资料（工作人员看到的样子）</View>
              <View className='kv__value'>{[data.verification.realNameMasked, data.verification.phoneMasked].filter(Boolean).join(' · ') || '—'}</View>
            </View>
          ) : null}
          {data.sections.length ? (
            data.sections.map((s) => (
              <View key={s.collection} className='kv export-section'>
                <View className='kv__key'>{s.title}</View>
                <View className='kv__value'>{s.count} 条</View>
              </View>
            ))
          ) : (
            <View className='privacy-text'>我们没有保存关于你的任何信息。</View>
          )}
          <PillButton className='export-card__save' onClick={() => void save()}>
            保存为文件
          </PillButton>
        </>
      )}
    </View>
  )
}

/** 谁查看了我的信息: when and in which role, never who. */
function AccessLog() {
  const { data } = useCall('user', 'accessLog', {})
  if (!data) return null
  return (
    <View className='card access-card'>
      <View className='card__title'>谁查看了我的信息</View>
      {data.length ? (
        data.slice(0, 30).map((l, i) => (
          <View key={`${l.at}-${i}`} className='kv'>
            <View className='kv__key'>{formatDate(l.at, true)}</View>
            <View className='kv__value'>
              {l.roles.join('、') || '工作人员'}
              {l.what}
            </View>
          </View>
        ))
      ) : (
        <View className='privacy-text'>还没有工作人员查看过你的个人信息。</View>
      )}
    </View>
  )
}

/** 注销账号: a request, a cooling-off period in which it can be withdrawn, then the daily job. */
function Deletion() {
  const { data, refresh } = useCall('user', 'deletionStatus', {})
  const { busy, run } = useAction()
  if (!data) return null
  const request = async () => {
    const ok = await Taro.showModal({
      title: '注销账号',
      content: `注销后，你的资料、认证、积分、报名等将在 ${data.coolingOffDays} 天后删除且无法恢复；在此之前可以撤销。确定申请注销吗？`,
      confirmText: '申请注销',
      confirmColor: '#d64545',
    })
    if (ok.confirm) await run(() => call('user', 'requestDeletion', { confirm: true }).then(refresh), '已提交注销申请')
  }
  const cancel = () => run(() => call('user', 'cancelDeletion', {}).then(refresh), '已撤销注销')
  return (
    <View className='card deletion-card'>
      <View className='card__title'>注销账号</View>
      {data.status === 'none' ? (
        <>
          <View className='privacy-text'>提交后有 {data.coolingOffDays} 天冷静期，期间可随时撤销；期满后我们删除或匿名化你的全部个人信息，上传的照片一并删除。</View>
          <PillButton tone='danger' className='deletion-card__request' disabled={busy} onClick={() => void request()}>
            申请注销
          </PillButton>
        </>
      ) : (
        <>
          <View className='privacy-text deletion-card__pending'>
            你已于 {formatDate(data.requestedAt, true)} 申请注销，将于 {formatDate(data.dueAt, true)} 后执行。
          </View>
          {data.status === 'pending' ? (
            <PillButton tone='ghost' className='deletion-card__cancel' disabled={busy} onClick={() => void cancel()}>
              撤销注销
            </PillButton>
          ) : null}
        </>
      )}
    </View>
  )
}

export default function PrivacyPage() {
  const { data: me, error, loading, refresh } = useCall('user', 'me', {})
  return (
    <PageShell className='privacy-page'>
      <Loaded state={{ data: me, error, loading, refresh }}>{(me) => <Held me={me} />}</Loaded>
      <Consent />
      <View className='card'>
        <View className='card__title'>{PRIVACY_NOTICE.title}</View>
        <View className='privacy-text'>{PRIVACY_NOTICE.summary}</View>
        {PRIVACY_NOTICE.collections.map((c) => (
          <View key={c.collection} className='collected'>
            <View className='collected__why'>{c.holds}</View>
            <View className='collected__keep'>保存期限：{c.retention}</View>
          </View>
        ))}
        <View className='card__title'>保存期限</View>
        {PRIVACY_NOTICE.periods.map((p) => (
          <View key={p.what} className='collected'>
            <View className='collected__what'>{p.what}</View>
            <View className='collected__keep'>
              自{p.from}起 {p.days} 天后{p.then}
            </View>
          </View>
        ))}
        <View className='privacy-note'>{NOT_COLLECTED}</View>
      </View>
      <ExportCard />
      <AccessLog />
      <Deletion />
      <View className='card'>
        <View className='card__title'>你的权利</View>
        <View className='privacy-text'>{PRIVACY_NOTICE.rights} 工作人员查看你的认证资料时都会留下审计记录。</View>
      </View>
    </PageShell>
  )
}
