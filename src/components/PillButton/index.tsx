import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'
import './index.scss'

export type PillTone = 'primary' | 'ghost' | 'danger' | 'off'

/**
 * The app's big rounded button (primary actions at the bottom of a form or a card). `disabled`
 * is passed only when true: Taro h5 treats `disabled={false}` as disabled.
 */
export default function PillButton({ tone = 'primary', className, disabled, onClick, children }: { tone?: PillTone; className?: string; disabled?: boolean; onClick?: () => void; children: ReactNode }) {
  return (
    <Button className={`pill-btn pill-btn--${tone}${className ? ` ${className}` : ''}`} disabled={disabled || undefined} onClick={onClick}>
      {children}
    </Button>
  )
}
