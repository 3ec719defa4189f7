import { Image, View } from '@tarojs/components'
import type { FormPhoto, PhotoUploads } from '@/hooks/usePhotoUploads'
import './index.scss'

const stateOf = (p: FormPhoto): { text: string; tone: string } | null => {
  if (p.failed) return { text: '上传失败', tone: 'bad' }
  if (!p.fileID) return { text: `上传中 ${p.progress}%`, tone: 'busy' }
  if (p.check === 'pending') return { text: '审核中', tone: 'busy' }
  if (p.check === 'rejected') return { text: '未通过审核', tone: 'bad' }
  // just picked and stored, not yet saved with the form
  if (p.key.startsWith('local-')) return { text: '已上传', tone: 'ok' }
  return null
}

/**
 * Thumbnails of a form's photos with their upload/check state, a remove button each, an add tile
 * (「换一张」 for a one-photo field) and why the last pick failed.
 */
export default function PhotoUploader({ uploads, max, addLabel = '＋ 照片' }: { uploads: PhotoUploads; max: number; addLabel?: string }) {
  const full = uploads.photos.length >= max
  return (
    <>
    <View className='photo-uploader'>
      {uploads.photos.map((p) => {
        const state = stateOf(p)
        return (
          <View key={p.key} className='photo-uploader__tile'>
            {p.src ? <Image className='photo-uploader__img' src={p.src} mode='aspectFill' /> : <View className='photo-uploader__img photo-uploader__img--gone'>图片已失效</View>}
            {state ? <View className={`photo-uploader__state photo-uploader__state--${state.tone}`}>{state.text}</View> : null}
            <View className='photo-uploader__remove' role='button' aria-label='删除这张照片' onClick={() => uploads.remove(p.key)}>
              ×
            </View>
          </View>
        )
      })}
      {!full || max === 1 ? (
        <View className='photo-uploader__tile photo-uploader__add' role='button' aria-label={full ? '换一张照片' : '添加照片'} onClick={() => void uploads.add()}>
          {full ? '换一张' : addLabel}
        </View>
      ) : null}
    </View>
    {uploads.error ? (
      <View className='photo-uploader__error' role='alert'>
        {uploads.error}
      </View>
    ) : null}
    </>
  )
}
