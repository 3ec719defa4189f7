import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Switch, Textarea, View } from '@tarojs/components'
import { MAX_PHOTOS, MAX_TEXT, SUGGESTION_CATEGORIES, SUGGESTION_CATEGORY_LABELS, type SimilarResult, type SuggestionCategory } from '@domain/suggestions/model'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import FormField from '@/components/FormField'
import LocationPicker from '@/components/LocationPicker'
import { ReportRow } from '@/components/SuggestionParts'
import { SUGGESTION_DETAIL } from '@/routes'
import { useSettings } from '@/hooks/useSettings'
import { getLocationGcj02 } from '@/utils/location'
import { requestSubscriptions } from '@/utils/subscribe'
import PhotoUploader from '@/components/PhotoUploader'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { fieldOf, toCreateInput, validateDraft, type DraftErrors } from './form'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/**
 * New report: category, text with a counter, photos (compressed, EXIF dropped, upload progress),
 * location (current position with consent, or picked), the community derived from it (overridable),
 * anonymity. Before submitting, similar open reports within 50 m are shown with "me too".
 */
export default function NewSuggestion() {
  const [category, setCategory] = useState<SuggestionCategory>('safety')
  const [text, setText] = useState('')
  const [address, setAddress] = useState('')
  const uploads = usePhotoUploads({ max: MAX_PHOTOS, dir: async () => (await call('suggestions', 'uploadDir', {})).dir })
  const photos = uploads.photos
  const [lng, setLng] = useState('')
  const [lat, setLat] = useState('')
  const [anonymous, setAnonymous] = useState(true)
  const [similar, setSimilar] = useState<SimilarResult | null>(null)
  const [communityId, setCommunityId] = useState<string | undefined>()
  const [errors, setErrors] = useState<DraftErrors>({})
  const [busy, setBusy] = useState(false)
  const has = lng !== '' && lat !== ''
  /** a field's message goes away as soon as the rider changes that field */
  const clear = (field: keyof DraftErrors) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e))

  useEffect(() => {
    if (!has) return
    let live = true
    call('suggestions', 'similar', { category, longitude: Number(lng), latitude: Number(lat) })
      .then((r) => {
        if (!live) return
        setSimilar(r)
        setCommunityId((c) => c ?? r.derived?.id)
      })
      .catch(() => live && setSimilar(null))
    return () => {
      live = false
    }
  }, [category, lng, lat, has])

  const takeHere = async () => {
    try {
      const fix = await getLocationGcj02()
      setLng(fix.longitude.toFixed(6))
      setLat(fix.latitude.toFixed(6))
      clear('location')
    } catch {
      toast('未获得定位，可以在下方选点')
    }
  }

  const { settings } = useSettings()

  const meToo = async (id: string) => {
    // inside the tap: progress of the joined report reaches the rider only if they accept
    const asked = requestSubscriptions(['suggestionStatus'])
    try {
      await asked
      await call('suggestions', 'meToo', { id })
      toast('已附议，处理进展会通知你')
      void Taro.redirectTo({ url: `${SUGGESTION_DETAIL}?id=${id}` })
    } catch (e) {
      toast(e instanceof AppError ? e.message : '操作失败')
    }
  }

  const submit = async () => {
    const draft = { category, text, address, photos, longitude: lng, latitude: lat, communityId, anonymous }
    const errs = validateDraft(draft)
    setErrors(errs)
    if (Object.keys(errs).length) {
      toast(Object.values(errs)[0]!)
      return
    }
    // still inside the tap (nothing awaited yet): may we tell the rider how the report goes?
    const asked = requestSubscriptions(['suggestionStatus'])
    setBusy(true)
    try {
      await asked
      const v = await call('suggestions', 'create', toCreateInput(draft))
      void Taro.redirectTo({ url: `${SUGGESTION_DETAIL}?id=${v.id}` })
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL')
      const field = err.field ? fieldOf(err.field) : null
      if (field) setErrors({ [field]: err.message })
      toast(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className='suggestion-new'>
      <FormField label='问题类别' required>
        <View className='sg-chips'>
          {SUGGESTION_CATEGORIES.map((c) => (
            <View key={c} role='radio' aria-checked={c === category} className={`sg-chip${c === category ? ' sg-chip--on' : ''}`} onClick={() => setCategory(c)}>
              {SUGGESTION_CATEGORY_LABELS[c]}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label='问题描述' required error={errors.text}>
        <Textarea className='sg-textarea' value={text} maxlength={MAX_TEXT} placeholder='例如：某某路 45 号门口井盖松动，电动车压上去会翘起' onInput={(e) => {
            setText(e.detail.value)
            clear('text')
          }}
        />
        <View className='sg-counter'>
          {text.length}/{MAX_TEXT}
        </View>
      </FormField>
      <FormField label={`照片（最多 ${MAX_PHOTOS} 张）`} hint='照片会压缩并去除拍摄位置信息；社区审核前仅你和社区工作者可见' error={errors.photos}>
        <PhotoUploader uploads={uploads} max={MAX_PHOTOS} />
      </FormField>
      <FormField label='位置' required error={errors.location} hint='只用于确定问题地点和所属社区'>
        <Button className='sg-btn sg-btn--ghost' onClick={() => void takeHere()}>
          使用当前位置
        </Button>
        <LocationPicker
          longitude={lng}
          latitude={lat}
          onChange={(v) => {
            setLng(v.longitude)
            setLat(v.latitude)
            clear('location')
            if (v.address) setAddress(v.address)
          }}
        />
      </FormField>
      <FormField label='具体位置' hint='选填：门牌、门岗、路口，方便社区工作者找到' error={errors.address}>
        <Input
          className='form-input'
          value={address}
          maxlength={60}
          placeholder='具体位置（选填），如：2 号门岗亭旁'
          onInput={(e) => {
            setAddress(e.detail.value)
            clear('address')
          }}
        />
      </FormField>
      {similar ? (
        <>
          <FormField label='所属社区' hint={similar.derived ? `按位置判断为${similar.derived.name}，不对可以改` : '附近没有登记的社区，请选择'} error={errors.communityId}>
            <View className='sg-chips'>
              {(settings?.communities ?? []).map((c) => (
                <View key={c.id} role='radio' aria-checked={c.id === communityId} className={`sg-chip${c.id === communityId ? ' sg-chip--on' : ''}`} onClick={() => setCommunityId(c.id)}>
                  {c.name}
                </View>
              ))}
            </View>
          </FormField>
          {similar.items.length ? (
            <View className='card'>
              <View className='card__title'>附近 50 米内已有相同问题</View>
              <View className='muted'>点「我也遇到」加入已有反映，进展会同样通知你。</View>
              {similar.items.map((i) => (
                <View key={i.id}>
                  <ReportRow item={i} onClick={() => void Taro.navigateTo({ url: `${SUGGESTION_DETAIL}?id=${i.id}` })} />
                  {!i.mine && !i.joined ? (
                    <Button className='sg-btn sg-btn--ghost' onClick={() => void meToo(i.id)}>
                      我也遇到（{i.distance} 米外）
                    </Button>
                  ) : (
                    <View className='muted'>{i.mine ? '这是你提交的' : '你已附议'}</View>
                  )}
                </View>
              ))}
            </View>
          ) : null}
        </>
      ) : null}
      <FormField label='对外匿名' hint='默认匿名：公开看板不显示你的任何信息；社区工作者可以看到反映人'>
        <Switch checked={anonymous} onChange={(e) => setAnonymous(e.detail.value)} />
      </FormField>
      <Button className='sg-btn' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交反映
      </Button>
    </PageShell>
  )
}
