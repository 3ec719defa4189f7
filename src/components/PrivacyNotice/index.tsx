import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import { PRIVACY_NOTICE } from '@domain/privacy'
import { acceptNotice, declineNotice } from '@/privacy/notice'
import { agreePending, NOTICE_AGREE_BUTTON_ID } from '@/privacy/privacy'
import { useNoticeState } from '@/privacy/useNoticeState'
import '../PrivacyPopup/index.scss'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/**
 * The first-open privacy notice, over every page until the current PRIVACY_NOTICE is accepted.
 * On weapp the agree button is WeChat's agreePrivacyAuthorization button, so the same tap also
 * tells WeChat (用户隐私保护指引) and no second pop-up follows.
 */
export default function PrivacyNotice() {
  const state = useNoticeState()
  const [busy, setBusy] = useState(false)
  const shown = state === 'needed'
  // h5: Taro's tab bar lies over the page (weapp's native one sits below the page's viewport), so
  // it would cover the buttons; it comes back once the notice is answered
  useEffect(() => {
    if (IS_WEAPP || !shown) return undefined
    Taro.hideTabBar({ animation: false }).catch(() => undefined)
    return () => void Taro.showTabBar({ animation: false }).catch(() => undefined)
  }, [shown])
  if (!shown) return null

  const agree = async () => {
    if (IS_WEAPP) agreePending(NOTICE_AGREE_BUTTON_ID)
    setBusy(true)
    try {
      await acceptNotice()
    } catch (e) {
      void Taro.showToast({ title: e instanceof AppError ? e.message : '没有记录成功，请再试一次', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const agreeProps = IS_WEAPP ? { openType: 'agreePrivacyAuthorization' as const, onAgreePrivacyAuthorization: () => void agree() } : { onClick: () => void agree() }

  return (
    <View className='privacy-popup__mask privacy-notice__mask' catchMove>
      <View className='privacy-popup privacy-notice' role='dialog' aria-label={PRIVACY_NOTICE.title}>
        <View className='privacy-popup__title'>{PRIVACY_NOTICE.title}</View>
        <ScrollView scrollY className='privacy-notice__body'>
          <View className='privacy-notice__text'>{PRIVACY_NOTICE.summary}</View>
          <View className='privacy-notice__text'>使用前请阅读：我们保存哪些信息、保存多久。位置和手机号只在你使用相关功能时另行征得同意。</View>
          {PRIVACY_NOTICE.collections.map((c) => (
            <View key={c.collection} className='privacy-notice__row'>
              <Text className='privacy-notice__holds'>{c.holds}</Text>
              <Text className='privacy-notice__keep'>保存期限：{c.retention}</Text>
            </View>
          ))}
          <View className='privacy-notice__text'>{PRIVACY_NOTICE.rights}</View>
          <View className='privacy-notice__version'>第 {PRIVACY_NOTICE.version} 版</View>
        </ScrollView>
        <View className='privacy-popup__actions'>
          <Button className='privacy-popup__btn privacy-popup__btn--ghost privacy-notice__decline' onClick={declineNotice}>
            不同意
          </Button>
          <Button id={NOTICE_AGREE_BUTTON_ID} className='privacy-popup__btn privacy-popup__btn--primary privacy-notice__agree' disabled={busy} {...agreeProps}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
