import type { Persona } from '../../scripts/demo/personas'

/** Where cloud-setup.ts tells the test files the emulator's URL. */
export const CLOUD_URL_ENV = 'WEAPP_TEST_CLOUD_URL'
/** …and the token of its inspector API (`/__/api/…`) */
export const CLOUD_TOKEN_ENV = 'WEAPP_TEST_CLOUD_TOKEN'

/**
 * Brand-new WeChat users, one per tab so that each tab is really the first thing that user opens
 * (a tab that creates the user's documents must not prepare the next tab's render).
 */
export const NEW_USERS: Persona[] = ['map', 'suggestions', 'points', 'me'].map((tab) => ({
  openid: `wx-first-open-${tab}`,
  label: `新用户（先打开${tab}）`,
}))
