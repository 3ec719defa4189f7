import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { AGREE_BUTTON_ID, bringToTop, subscribePrivacy, type PrivacyRequest } from '@/privacy/privacy'
import { useNoticeState } from '@/privacy/useNoticeState'
import './index.scss'

const DEFAULT_CONTRACT_NAME = '《小哥驿站隐私保护指引》'

/**
 * The consent pop-up WeChat requires before a privacy-sensitive API runs (weapp). Agreeing uses the
 * platform button (open-type agreePrivacyAuthorization); refusing resolves `disagree`, so the API
 * that asked fails without running and the page keeps working without it.
 */
export default function PrivacyPopup() {
  const [request, setRequest] = useState<PrivacyRequest | null>(null)
  const [contractName, setContractName] = useState(DEFAULT_CONTRACT_NAME)
  const handlerRef = useRef<(r: PrivacyRequest) => void>(() => {})
  // the first-open notice comes first, and its agree button answers WeChat too
  const notice = useNoticeState()

  handlerRef.current = (r: PrivacyRequest) => {
    setRequest(r)
    r.resolve({ event: 'exposureAuthorization' })
    Taro.getPrivacySetting?.({
      success: (res) => res.privacyContractName && setContractName(res.privacyContractName),
    })
  }
  // One stable function per mounted pop-up, so the page can move it on top when shown.
  const stable = useRef((r: PrivacyRequest) => handlerRef.current(r)).current

  useEffect(() => subscribePrivacy(stable), [stable])
  useDidShow(() => bringToTop(stable))

  const agree = useCallback(() => {
    request?.resolve({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    setRequest(null)
  }, [request])

  const refuse = useCallback(() => {
    request?.resolve({ event: 'disagree' })
    setRequest(null)
  }, [request])

  if (!request || request.settled || notice === 'needed') return null
  // Tapping the mask does nothing: the user answers with one of the two buttons.
  return (
    <View className='privacy-popup__mask' catchMove>
      <View className='privacy-popup' role='dialog' aria-label='隐私保护提示'>
        <View className='privacy-popup__title'>隐私保护提示</View>
        <View className='privacy-popup__body'>
          <Text>在使用定位等功能前，请阅读并同意</Text>
          <Text className='privacy-popup__link' onClick={() => Taro.openPrivacyContract?.({})}>
            {contractName}
          </Text>
          <Text>。我们只在你使用相关功能时获取位置，用于查找附近驿站和签到，不记录行动轨迹。不同意不影响浏览驿站信息。</Text>
        </View>
        <View className='privacy-popup__actions'>
          <Button className='privacy-popup__btn privacy-popup__btn--ghost' onClick={refuse}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-popup__btn privacy-popup__btn--primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={agree}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
