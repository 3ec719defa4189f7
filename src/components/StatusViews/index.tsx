import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Empty from '@nutui/nutui-react-taro/dist/es/packages/empty'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import type { AppError } from '@domain/errors'
import './index.scss'

// NutUI's Empty loads its default pictures from a JD CDN; we always pass a local one (no third-party
// request, works offline).
const Glyph = ({ error }: { error?: boolean }) => (
  <View className={`status-view__icon${error ? ' status-view__icon--error' : ''}`}>{error ? '!' : '○'}</View>
)

export function LoadingView({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='status-view' aria-busy='true'>
      <View className='status-view__spinner' />
      <View className='status-view__text'>{text}</View>
    </View>
  )
}

export function ErrorView({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  return (
    <View role='alert'>
      <Empty
        className='status-view__empty'
        image={<Glyph error />}
        title={error.message}
        description={error.requestId ? `请求编号 ${error.requestId}` : undefined}
      >
        {onRetry ? (
          <Button className='status-view__btn' type='primary' onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </Empty>
    </View>
  )
}

export function EmptyView({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <Empty className='status-view__empty' image={<Glyph />} title={title} description={description}>
      {children}
    </Empty>
  )
}
