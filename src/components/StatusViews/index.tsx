import type { ReactNode } from 'react'
import { Button, View } from '@tarojs/components'
import type { AppError } from '@domain/errors'
import './index.scss'

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
    <View className='status-view' role='alert'>
      <View className='status-view__icon status-view__icon--error'>!</View>
      <View className='status-view__text'>{error.message}</View>
      {error.requestId ? <View className='status-view__hint'>请求编号 {error.requestId}</View> : null}
      {onRetry ? (
        <Button className='status-view__btn' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}

export function EmptyView({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <View className='status-view'>
      <View className='status-view__icon'>○</View>
      <View className='status-view__text'>{title}</View>
      {description ? <View className='status-view__hint'>{description}</View> : null}
      {children}
    </View>
  )
}
