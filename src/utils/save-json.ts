import Taro from '@tarojs/taro'

/**
 * Saves a JSON file the person can keep: weapp writes it to the user data folder and offers it to
 * a chat (shareFileMessage, base library ≥ 2.16.1: the only way WeChat lets a file leave the app;
 * openDocument does not open .json); h5 downloads it.
 */
/** What the toast says after saveJsonFile, by how the file left. */
export const SAVED_TOAST = { downloaded: '已下载', shared: '已发送', saved: '已保存到本机' } as const

export async function saveJsonFile(name: string, value: unknown): Promise<'shared' | 'downloaded' | 'saved'> {
  const text = JSON.stringify(value, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = name
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return 'downloaded'
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: text, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  )
  if (typeof Taro.shareFileMessage !== 'function') return 'saved'
  try {
    await Taro.shareFileMessage({ filePath, fileName: name })
    return 'shared'
  } catch {
    // closed the share sheet: the file is still saved
    return 'saved'
  }
}
