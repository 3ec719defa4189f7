/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'
declare module '*.sass'
declare module '*.styl'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: the platform being built. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'harmony-hybrid'
    /** CloudBase environment id for Taro.cloud.init (weapp); empty → the default environment. */
    TARO_APP_CLOUD_ENV?: string
    /** h5 only: origin of the functions gateway; empty → same origin (the emulator serves the app). */
    TARO_APP_API_BASE?: string
    /** Overrides project.config.json's appid in the weapp build. */
    TARO_APP_ID?: string
  }
}

/** The h5 implementation of Taro.previewImage, imported on demand by src/utils/previewImage.h5.ts. */
declare module '@tarojs/taro-h5/dist/api/media/image/previewImage.js' {
  export const previewImage: (options: { urls: string[]; current?: string }) => Promise<unknown>
}
