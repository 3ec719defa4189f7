import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

export type TagTone = 'primary' | 'success' | 'warning' | 'default' | 'danger'

export default function Tag({ tone = 'default', children }: { tone?: TagTone; children: ReactNode }) {
  return <View className={`tag tag--${tone}`}>{children}</View>
}
