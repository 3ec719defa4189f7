import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

/** A tappable row: title, optional description, extra content and a chevron when tappable. */
export default function EntryCell({
  title,
  description,
  extra,
  onClick,
}: {
  title: ReactNode
  description?: ReactNode
  extra?: ReactNode
  onClick?: () => void
}) {
  return (
    <View
      className={`entry-cell${onClick ? ' entry-cell--clickable' : ''}`}
      hoverClass={onClick ? 'entry-cell--pressed' : 'none'}
      onClick={onClick}
      role={onClick ? 'button' : undefined}
    >
      <View className='entry-cell__main'>
        <View className='entry-cell__title'>{title}</View>
        {description ? <View className='entry-cell__description'>{description}</View> : null}
      </View>
      <View className='entry-cell__extra'>
        {extra}
        {onClick ? <View className='entry-cell__chevron'>›</View> : null}
      </View>
    </View>
  )
}

/** Rows grouped on one card. */
export function EntryGroup({ children }: { children: ReactNode }) {
  return <View className='entry-group'>{children}</View>
}
