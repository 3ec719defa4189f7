import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Image, Input, Textarea, View } from '@tarojs/components'
import type { SuggestionView } from '@domain/suggestions/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import { useSettings } from '@/hooks/useSettings'
import ChoiceChips from '@/components/ChoiceChips'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView } from '@/components/StatusViews'
import { ReportSummary, Timeline } from '@/components/SuggestionParts'
import { uploadSuggestionPhoto } from '@/utils/suggestion-photos'

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
  const [photos, setPhotos] = useState<{ local: string; fileID?: string; progress: number }[]>([])
  const [busy, setBusy] = useState(false)
  const communities = useSettings().settings?.communities ?? []
  const v = view ?? data
  if (error && !v) return <PageShell><ErrorView error={error} onRetry={() => void refresh()} /></PageShell>
  if (!v) return <PageShell>{loading ? <LoadingView /> : null}</PageShell>

  const run = async (f: () => Promise<SuggestionView>, done = '已保存') => {
    setBusy(true)
    try {
      setView(await f())
      setMode(null)
      setText('')
      setPhotos([])
      toast(done)
    } catch (e) {
      toast(e instanceof AppError ? e.message : '操作失败')
    } finally {
      setBusy(false)
    }
  }
  const addPhoto = async () => {
    try {
      const { dir } = await call('suggestions', 'uploadDir', {})
      const r = await Taro.chooseImage({ count: 3, sizeType: ['compressed'] })
      for (const local of r.tempFilePaths) {
        setPhotos((ps) => [...ps, { local, progress: 0 }])
        const fileID = await uploadSuggestionPhoto(local, dir, (progress) => setPhotos((ps) => ps.map((p) => (p.local === local ? { ...p, progress } : p))))
        setPhotos((ps) => ps.map((p) => (p.local === local ? { ...p, fileID, progress: 100 } : p)))
      }
    } catch (e) {
      if (e instanceof AppError) toast(e.message)
    }
  }
  const s = v.status
  const open = s === 'submitted' || s === 'accepted' || s === 'inProgress'
  const submitMode = () => {
    const t = text.trim()
    if (mode === 'reply') return run(() => call('suggestions', 'reply', { id, text: t }), '已回复')
    if (mode === 'resolve') return run(() => call('suggestions', 'resolve', { id, text: t, photos: photos.filter((p) => p.fileID).map((p) => p.fileID!) }), '已办结')
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
      <View className='sg-chips'>
        {s === 'submitted' ? (
          <View role='button' className='sg-chip sg-chip--on' onClick={() => void run(() => call('suggestions', 'accept', { id }), '已受理')}>
            受理
          </View>
        ) : null}
        {s === 'accepted' ? (
          <View role='button' className='sg-chip sg-chip--on' onClick={() => void run(() => call('suggestions', 'start', { id }), '已开始办理')}>
            开始办理
          </View>
        ) : null}
        <View role='button' className='sg-chip' onClick={() => setMode('reply')}>
          回复
        </View>
        {s === 'accepted' || s === 'inProgress' ? (
          <View role='button' className='sg-chip' onClick={() => setMode('resolve')}>
            办结
          </View>
        ) : null}
        {open ? (
          <>
            <View role='button' className='sg-chip' onClick={() => setMode('transfer')}>
              转办
            </View>
            <View role='button' className='sg-chip' onClick={() => setMode('notResponsible')}>
              非本社区职责
            </View>
            <View role='button' className='sg-chip' onClick={() => setMode('duplicate')}>
              重复反映
            </View>
          </>
        ) : null}
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
            <View className='sg-photos'>
              {photos.map((p) => (
                <View key={p.local} className='sg-upload'>
                  <Image className='sg-photos__img' src={p.local} mode='aspectFill' />
                  <View className='sg-upload__progress'>{p.fileID ? '已上传' : `上传中 ${p.progress}%`}</View>
                </View>
              ))}
              <View role='button' aria-label='添加处理后照片' className='sg-upload' onClick={() => void addPhoto()}>
                ＋ 处理后照片
              </View>
            </View>
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
