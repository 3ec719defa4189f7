import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import PrivacyNotice from '@/components/PrivacyNotice'
import PrivacyPopup from '@/components/PrivacyPopup'

/** Every page's frame: its content, the first-open privacy notice, and the pop-up that page shows when WeChat asks. */
export default function PageShell({ className = '', children }: { className?: string; children: ReactNode }) {
  return (
    <View className={`page ${className}`}>
      {children}
      <PrivacyNotice />
      <PrivacyPopup />
    </View>
  )
}
