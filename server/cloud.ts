import cloud from 'wx-server-sdk'

/**
 * The one place that initialises wx-server-sdk. DYNAMIC_CURRENT_ENV makes the same bundle work in
 * every CloudBase environment and in the local emulator (which sets the runtime's environment).
 */
let initialised = false
export function getCloud(): typeof cloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV is a symbol at runtime; the SDK's typings only admit strings.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export type Database = ReturnType<typeof cloud.database>

export const database = (): Database => getCloud().database()

/** The caller's openid as the platform vouches for it; never taken from request data. */
export const callerOpenid = (): string | undefined => getCloud().getWXContext().OPENID || undefined
