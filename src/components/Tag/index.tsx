import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import './index.scss'

export type TagTone = 'primary' | 'success' | 'warning' | 'default' | 'danger'

/** A small label (role, status). */
export default function Tag({ tone = 'default', children }: { tone?: TagTone; children: ReactNode }) {
  return <Text className={`app-tag app-tag--${tone}`}>{children}</Text>
}
