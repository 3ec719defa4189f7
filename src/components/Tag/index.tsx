import type { ReactNode } from 'react'
import NutTag from '@nutui/nutui-react-taro/dist/es/packages/tag'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import './index.scss'

export type TagTone = 'primary' | 'success' | 'warning' | 'default' | 'danger'

/** A small label (role, status). NutUI Tag, imported on demand (see docs/ui-library.md). */
export default function Tag({ tone = 'default', children }: { tone?: TagTone; children: ReactNode }) {
  return (
    <NutTag className='app-tag' type={tone} plain={tone === 'default'}>
      {children}
    </NutTag>
  )
}
