import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

/** A tappable row: title, optional description, a chevron. */
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
    <View className='entry-cell' hoverClass='entry-cell--hover' onClick={onClick} role='button'>
      <View className='entry-cell__main'>
        <View className='entry-cell__title'>{title}</View>
        {description ? <View className='entry-cell__desc'>{description}</View> : null}
      </View>
      {extra ? <View className='entry-cell__extra'>{extra}</View> : null}
      {onClick ? <View className='entry-cell__chevron'>›</View> : null}
    </View>
  )
}
