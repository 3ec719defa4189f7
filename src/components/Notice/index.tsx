import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

export type NoticeTone = 'warning' | 'error' | 'ok'

/**
 * A coloured box of text above or below a form: what is going on and what to do. `role`: `alert`
 * for failures a person must notice, `status` for news.
 */
export default function Notice({ tone = 'warning', role, className, children }: { tone?: NoticeTone; role?: 'alert' | 'status'; className?: string; children: ReactNode }) {
  return (
    <View className={`notice notice--${tone}${className ? ` ${className}` : ''}`} role={role}>
      {children}
    </View>
  )
}
