import { useEffect, useRef, useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { CommunityView } from '@domain/identity/model'
import { PLATFORMS, RIDER_ROLES } from '@domain/user/model'
import FormField from '@/components/FormField'
import ChoiceChips from '@/components/ChoiceChips'
import PhotoUploader from '@/components/PhotoUploader'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { EMPTY_FORM, testPhoneCode, validateForm, type FormValues } from './form'

const WEAPP = process.env.TARO_ENV === 'weapp'
const PLATFORM_OPTIONS = PLATFORMS.map((p) => ({ value: p, label: p }))
const ROLE_OPTIONS = RIDER_ROLES.map((r) => ({ value: r, label: r }))

export interface VerifyFormProps {
  communities: CommunityView[]
  /** `badges/<opaque id>`: where the photo goes (identity.myStatus) */
  uploadDir: string
  initial?: Partial<FormValues>
  /** editing a sent application: photo and phone may stay as they are */
  editing?: boolean
  /** a server-side error to show (its field, if any, under that field) */
  serverError?: AppError | null
  busy?: boolean
  onSubmit: (values: FormValues) => void
}

/** The 身份认证 form: never asks for an ID-card number and refuses one typed into any field. */
export default function VerifyForm({ communities, uploadDir, initial, editing, serverError, busy, onSubmit }: VerifyFormProps) {
  const [v, setV] = useState<FormValues>({ ...EMPTY_FORM, ...initial })
  const [errors, setErrors] = useState<Partial<Record<keyof FormValues, string>>>({})
  const badge = usePhotoUploads({ max: 1, dir: async () => uploadDir, prefix: 'badge-' })
  const uploading = badge.uploading
  const [phoneShown, setPhoneShown] = useState('')
  const set = <K extends keyof FormValues>(k: K, value: FormValues[K]) => {
    setV((old) => ({ ...old, [k]: value }))
    setErrors((old) => ({ ...old, [k]: undefined }))
  }
  const fieldError = (k: keyof FormValues) => errors[k] ?? (serverError?.field === k ? serverError.message : undefined)

  const uploaded = badge.fileIds[0]
  const mounted = useRef(false)
  useEffect(() => {
    // the photo sent before stays until the rider picks or removes one
    if (!mounted.current) return void (mounted.current = true)
    set('badgePhoto', uploaded ?? '')
    // `set` is a new function each render; the uploaded fileID is what matters
  }, [uploaded])

  const submit = () => {
    const found = validateForm(v, { editing })
    setErrors(found)
    if (Object.keys(found).length === 0) onSubmit(v)
  }

  return (
    <View className='card verify-form'>
      <FormField label='真实姓名' required error={fieldError('realName')} hint='仅审核的社区工作者可见，对外显示为 *名'>
        <Input className='form-input' name='realName' value={v.realName} maxlength={20} placeholder='如：张建国' onInput={(e) => set('realName', e.detail.value)} />
      </FormField>

      <FormField label='所在平台' required error={fieldError('platform')}>
        <ChoiceChips options={PLATFORM_OPTIONS} value={v.platform} onChange={(p) => set('platform', p)} />
      </FormField>

      <FormField label='从事的工作' required error={fieldError('riderRole')}>
        <ChoiceChips options={ROLE_OPTIONS} value={v.riderRole} onChange={(r) => set('riderRole', r)} />
      </FormField>

      <FormField label='站点或公司' required error={fieldError('station')}>
        <Input className='form-input' name='station' value={v.station} maxlength={40} placeholder='如：美团外卖某某站' onInput={(e) => set('station', e.detail.value)} />
      </FormField>

      <FormField label='平台骑手编号' error={fieldError('platformRiderId')} hint='选填，接单 App 里的骑手编号（不是身份证号）'>
        <Input className='form-input' name='platformRiderId' value={v.platformRiderId} maxlength={32} placeholder='选填' onInput={(e) => set('platformRiderId', e.detail.value)} />
      </FormField>

      <FormField label='工作所在社区' required error={fieldError('communityId')}>
        <ChoiceChips options={communities.map((c) => ({ value: c.id, label: c.name }))} value={v.communityId} onChange={(id) => set('communityId', id)} />
      </FormField>

      <FormField
        label='工牌或接单 App 截图'
        required={!editing}
        error={badge.error ? undefined : fieldError('badgePhoto')}
        hint={editing && !v.badgePhoto ? '不重新上传则沿用之前的照片' : '仅审核人员可通过临时链接查看，审核结束后定期删除'}
      >
        <PhotoUploader uploads={badge} max={1} addLabel='选择照片' />
      </FormField>

      <FormField label='手机号' required={!editing} error={fieldError('phoneCode')} hint={editing && !v.phoneCode ? '不重新授权则沿用之前的号码' : undefined}>
        {WEAPP ? (
          <Button
            className='verify-form__btn'
            size='mini'
            openType='getPhoneNumber'
            onGetPhoneNumber={(e) => {
              const code = (e.detail as { code?: string }).code
              if (code) {
                set('phoneCode', code)
                setPhoneShown('已授权')
              }
            }}
          >
            {v.phoneCode ? '已授权，重新授权' : '微信授权手机号'}
          </Button>
        ) : (
          <>
            <View className='verify-form__note'>
              本地演示：小程序里这里是「微信授权手机号」按钮。此处输入一个 11 位手机号，模拟器的测试流程会把它当作微信授权得到的号码（只保存打码后的号码）。
            </View>
            <Input
              className='form-input'
              name='phone'
              type='number'
              maxlength={11}
              value={phoneShown}
              placeholder='如：13812345678'
              onInput={(e) => {
                setPhoneShown(e.detail.value)
                set('phoneCode', testPhoneCode(e.detail.value))
              }}
            />
          </>
        )}
      </FormField>

      {serverError && !serverError.field ? (
        <View className='verify-form__error' role='alert'>
          {serverError.message}
        </View>
      ) : null}
      <View className='muted verify-form__privacy'>我们不收集身份证号码，不做人脸识别。</View>
      <Button className='verify-form__submit' loading={busy} disabled={(busy || uploading) || undefined} onClick={submit}>
        {editing ? '保存修改' : '提交认证'}
      </Button>
    </View>
  )
}
