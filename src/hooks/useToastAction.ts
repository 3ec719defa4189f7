import { useState } from 'react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'

/**
 * A one-tap action of a list row (release, reopen, …): `busy` while it runs, a toast saying it
 * worked or why it did not. `run` resolves true when it worked.
 */
export function useToastAction(): { busy: boolean; run: (action: () => Promise<unknown>, done: string) => Promise<boolean> } {
  const [busy, setBusy] = useState(false)
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
      return true
    } catch (e) {
      void Taro.showToast({ title: e instanceof AppError ? e.message : '操作失败', icon: 'none' })
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, run }
}
