import Taro from '@tarojs/taro'

/**
 * Full-screen preview of pictures: WeChat's own viewer on weapp. The h5 build uses previewImage.h5.ts,
 * which loads Taro's viewer on first use.
 */
export function previewImage(urls: string[], current?: string): Promise<void> {
  return Taro.previewImage({ urls, ...(current ? { current } : {}) }).then(() => undefined)
}
