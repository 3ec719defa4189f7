import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { AppError, ErrorCode } from '@domain/errors'
import { DEV_SIGNIN_AVAILABLE, DevSignInPanel } from '@/dev/DevSignIn'
import './index.scss'

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

/** Picture, title, description and actions: the shape shared by empty and error states. */
function Placard({ glyph, title, description, children }: { glyph: ReactNode; title: string; description?: string; children?: ReactNode }) {
  return (
    <View className='status-view'>
      {glyph}
      <View className='status-view__title'>{title}</View>
      {description ? <View className='status-view__description'>{description}</View> : null}
      {children}
    </View>
  )
}

/** Answers that asking again cannot change (a bad link, a page of another role): go back instead. */
const FINAL: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND']

/** Back to where the person came from; opened directly (a shared link), to the map. */
function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => undefined)
  else void Taro.switchTab({ url: '/pages/map/index' }).catch(() => undefined)
}

export function ErrorView({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  // In the local h5 demo nobody is signed in until a persona is picked: offer the picker right
  // here instead of a dead end. (In WeChat the platform always supplies the identity.)
  if (error.code === 'UNAUTHENTICATED' && DEV_SIGNIN_AVAILABLE) return <DevSignInPanel onSignedIn={() => onRetry?.()} />
  return (
    <View role='alert'>
      <Placard glyph={<Glyph error />} title={error.message} description={error.requestId ? `请求编号 ${error.requestId}` : undefined}>
        {FINAL.includes(error.code) ? (
          <Button className='status-view__btn' onClick={goBack}>
            返回
          </Button>
        ) : onRetry ? (
          <Button className='status-view__btn' onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </Placard>
    </View>
  )
}

export function EmptyView({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <Placard glyph={<Glyph />} title={title} description={description}>
      {children}
    </Placard>
  )
}

/** What a page loads: the shape `useCall` returns. */
export interface LoadState<T> {
  data: T | undefined
  error?: AppError | null
  loading?: boolean
  refresh?: () => unknown
}

/**
 * The one loading / error / content switch of a page: an error only while there is nothing to show
 * (a failed refresh keeps the last good data on screen), the spinner while the first answer is on
 * its way, then `children(data)`.
 */
export function Loaded<T>({ state, loadingText, onRetry, children }: { state: LoadState<T>; loadingText?: string; onRetry?: () => void; children: (data: T) => ReactNode }) {
  const retry = onRetry ?? (state.refresh ? () => void state.refresh?.() : undefined)
  if (state.data === undefined) {
    if (state.error) return <ErrorView error={state.error} onRetry={retry} />
    return state.loading === false ? null : <LoadingView text={loadingText} />
  }
  return <>{children(state.data)}</>
}
