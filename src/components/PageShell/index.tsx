import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import PrivacyPopup from '@/components/PrivacyPopup'

/** Every page's frame: its content plus the one privacy pop-up that page shows when WeChat asks. */
export default function PageShell({ className = '', children }: { className?: string; children: ReactNode }) {
  return (
    <View className={`page ${className}`}>
      {children}
      <PrivacyPopup />
    </View>
  )
}
