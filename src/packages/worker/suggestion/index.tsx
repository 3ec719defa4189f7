import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import type { SuggestionView } from '@domain/suggestions/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { useSettings } from '@/hooks/useSettings'
import ChoiceChips from '@/components/ChoiceChips'
import PageShell from '@/components/PageShell'
import { Loaded } from '@/components/StatusViews'
import { ReportSummary, Timeline } from '@/components/SuggestionParts'
import PhotoUploader from '@/components/PhotoUploader'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })
type Mode = 'reply' | 'resolve' | 'notResponsible' | 'transfer' | 'duplicate' | null

/** Handling a report: accept, start, reply, transfer, resolve with a photo, not responsible, duplicate. */
export default function WorkerSuggestion() {
  const id = useRouter().params.id ?? ''
  const { data, error, loading, refresh } = useCall('suggestions', 'detail', { id })
  const [view, setView] = useState<SuggestionView | null>(null)
  const [mode, setMode] = useState<Mode>(null)
  const [text, setText] = useState('')
  const [target, setTarget] = useState('')
  const photos = usePhotoUploads({ max: 3, dir: async () => (await call('suggestions', 'uploadDir', {})).dir })
  const [busy, setBusy] = useState(false)
  const communities = useSettings().settings?.communities ?? []
  const v = view ?? data
  if (!v) return <PageShell><Loaded state={{ data: v, error, loading, refresh }}>{() => null}</Loaded></PageShell>

  const run = async (f: () => Promise<SuggestionView>, done = '已保存') => {
    setBusy(true)
    try {
      setView(await f())
      setMode(null)
      setText('')
      photos.reset([])
      toast(done)
    } catch (e) {
      toast(e instanceof AppError ? e.message : '操作失败')
    } finally {
      setBusy(false)
    }
  }
  const s = v.status
  const open = s === 'submitted' || s === 'accepted' || s === 'inProgress'
  const modes = ([
    ['reply', '回复'],
    ...(s === 'accepted' || s === 'inProgress' ? [['resolve', '办结']] : []),
    ...(open ? [['transfer', '转办'], ['notResponsible', '非本社区职责'], ['duplicate', '重复反映']] : []),
  ] as [Exclude<Mode, null>, string][])
  /** 受理 and 开始办理 change what the rider sees and start the deadline: asked once more, never a toggle */
  const advance = async () => {
    const accepting = s === 'submitted'
    const ok = await Taro.showModal({
      title: accepting ? '受理这条反映？' : '开始办理？',
      content: accepting ? '受理后反映人会收到通知，需在办理时限内答复。' : '状态将改为「办理中」，反映人会看到进展。',
      confirmText: accepting ? '受理' : '开始办理',
    }).catch(() => null)
    if (!ok?.confirm) return
    await run(() => call('suggestions', accepting ? 'accept' : 'start', { id }), accepting ? '已受理' : '已开始办理')
  }
  const submitMode = () => {
    const t = text.trim()
    if (mode === 'reply') return run(() => call('suggestions', 'reply', { id, text: t }), '已回复')
    if (mode === 'resolve') return run(() => call('suggestions', 'resolve', { id, text: t, photos: photos.fileIds }), '已办结')
    if (mode === 'notResponsible') return run(() => call('suggestions', 'notResponsible', { id, reason: t }))
    if (mode === 'transfer') return run(() => call('suggestions', 'transfer', { id, toCommunityId: target, reason: t }), '已转办')
    if (mode === 'duplicate') return run(() => call('suggestions', 'markDuplicate', { id, originalId: target, ...(t ? { note: t } : {}) }))
  }
  return (
    <PageShell className='worker-suggestion'>
      <ReportSummary view={v} />
      {v.textHeld ? (
        <Button className='sg-btn sg-btn--ghost' disabled={busy || undefined} onClick={() => void run(() => call('suggestions', 'release', { id }), '已通过复核')}>
          内容已人工复核，公开
        </Button>
      ) : null}
      {s === 'submitted' || s === 'accepted' ? (
        <Button className='sg-btn' disabled={busy || undefined} onClick={() => void advance()}>
          {s === 'submitted' ? '受理这条反映' : '开始办理'}
        </Button>
      ) : null}
      <View className='sg-chips' role='group' aria-label='其他处理'>
        {modes.map(([m, label]) => (
          <View key={m} role='button' aria-pressed={mode === m} className={`sg-chip${mode === m ? ' sg-chip--on' : ''}`} onClick={() => setMode(mode === m ? null : m)}>
            {label}
          </View>
        ))}
      </View>
      {mode ? (
        <View className='card'>
          {mode === 'transfer' ? (
            <ChoiceChips
              options={communities.filter((c) => c.id !== v.communityId).map((c) => ({ value: c.id, label: c.name }))}
              value={target}
              onChange={setTarget}
            />
          ) : null}
          {mode === 'duplicate' ? <Input className='sg-input' value={target} placeholder='原反映编号' onInput={(e) => setTarget(e.detail.value)} /> : null}
          <Textarea
            className='sg-textarea'
            value={text}
            maxlength={500}
            placeholder={{ reply: '回复反映人', resolve: '办结说明：做了什么', notResponsible: '说明由哪个部门负责', transfer: '转办理由', duplicate: '备注（选填）' }[mode]}
            onInput={(e) => setText(e.detail.value)}
          />
          {mode === 'resolve' ? (
            <PhotoUploader uploads={photos} max={3} addLabel='＋ 处理后照片' />
          ) : null}
          <Button className='sg-btn' disabled={busy || undefined} onClick={() => void submitMode()}>
            提交
          </Button>
        </View>
      ) : null}
      <View className='card__title'>办理进度</View>
      <Timeline view={v} />
    </PageShell>
  )
}
