import Taro from '@tarojs/taro'

/**
 * Saves a file the person can keep: weapp writes it to the user data folder and offers it to a
 * chat (shareFileMessage, base library ≥ 2.16.1: the only way WeChat lets a file leave the app,
 * only during a tap; openDocument opens neither .json nor .csv); h5 downloads it.
 */
export async function saveTextFile(name: string, text: string, type: string): Promise<'shared' | 'downloaded' | 'saved'> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type }))
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
    // closed the share sheet (or not during a tap): the file is still saved
    return 'saved'
  }
}

export const saveJsonFile = (name: string, value: unknown) => saveTextFile(name, JSON.stringify(value, null, 2), 'application/json')

/**
 * A CSV (domain/csv.ts: UTF-8 with BOM) for a spreadsheet; answers what happened, for the page to
 * say. Where WeChat would not share it (older base library, not during a tap), the text goes to
 * the clipboard too, so it can still be pasted on a PC.
 */
export async function saveCsv(name: string, csv: string): Promise<string> {
  const how = await saveTextFile(name, csv, 'text/csv;charset=utf-8')
  if (how === 'downloaded') return `已导出 ${name}`
  if (how === 'shared') return `已发送 ${name}，可在电脑微信中打开`
  await Taro.setClipboardData({ data: csv })
  return '已复制表格内容（CSV），可粘贴到电脑表格中'
}
