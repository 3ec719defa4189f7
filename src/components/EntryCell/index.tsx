import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import './index.scss'

/** A tappable row: title, optional description, a chevron. NutUI Cell, imported on demand. */
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
    <Cell
      className='entry-cell'
      title={title}
      description={description}
      clickable={!!onClick}
      onClick={onClick}
      align='center'
      extra={
        <View className='entry-cell__extra'>
          {extra}
          {onClick ? <View className='entry-cell__chevron'>›</View> : null}
        </View>
      }
    />
  )
}

/** Rows grouped on one card. */
export function EntryGroup({ children }: { children: ReactNode }) {
  return <Cell.Group className='entry-group'>{children}</Cell.Group>
}
