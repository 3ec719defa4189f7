import fs from 'node:fs'
import path from 'node:path'

export interface WordEntry {
  word: string
  label: number
}

export interface WordList {
  risky: WordEntry[]
  review: WordEntry[]
}

export const DEFAULT_WORDLIST_FILE = path.join(__dirname, 'wordlist.json')
const OTHER_LABEL = 21000

function parse(raw: unknown): WordList {
  const list = (v: unknown): WordEntry[] =>
    (Array.isArray(v) ? v : [])
      .map((e): WordEntry | undefined => {
        if (typeof e === 'string') return { word: e, label: OTHER_LABEL }
        if (e && typeof e === 'object' && typeof (e as WordEntry).word === 'string') {
          const label = Number((e as WordEntry).label)
          return { word: (e as WordEntry).word, label: Number.isFinite(label) ? label : OTHER_LABEL }
        }
        return undefined
      })
      .filter((e): e is WordEntry => !!e && e.word.trim() !== '')
  const obj = (raw ?? {}) as { risky?: unknown; review?: unknown }
  return { risky: list(obj.risky), review: list(obj.review) }
}

/**
 * The editable word list behind the local msgSecCheck: the data dir's override file if present,
 * else the default file next to this module. Re-read when the file changes, so it can be edited
 * while the emulator runs.
 */
export class WordListSource {
  private cache?: { file: string; stamp: string; list: WordList }

  constructor(private readonly overrideFile?: string) {}

  get(): WordList {
    const file = this.overrideFile && fs.existsSync(this.overrideFile) ? this.overrideFile : DEFAULT_WORDLIST_FILE
    let stamp: string
    try {
      const st = fs.statSync(file)
      stamp = `${st.mtimeMs}:${st.size}`
    } catch {
      return { risky: [], review: [] }
    }
    if (this.cache && this.cache.file === file && this.cache.stamp === stamp) return this.cache.list
    let list: WordList
    try {
      list = parse(JSON.parse(fs.readFileSync(file, 'utf8')))
    } catch (err) {
      throw new Error(`word list ${file} is not valid JSON: ${(err as Error).message}`)
    }
    this.cache = { file, stamp, list }
    return list
  }
}

export interface CheckOutcome {
  suggest: 'pass' | 'review' | 'risky'
  label: number
  keyword?: string
}

/**
 * WeChat's own test texts for msgSecCheck, built in (not in the editable list): "开发者可使用以上两段
 * 文本进行测试，若接口 errcode 返回 87014 (内容含有违法违规内容)，则对接成功"
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/security.msgSecCheck-v1.html). The 2.0
 * page gives no test text; here they are risky (label 21000 其他) in both versions, so the risky path
 * of code using either version can be exercised with the official sample.
 */
export const WECHAT_TEST_TEXTS = ['特3456书yuuo莞6543李zxcz蒜7782法fgnv级', '完2347全dfji试3726测asad感3847知qwez到'] as const

/** WeChat's test texts first, then risky words over review words; otherwise pass with label 100 (正常). */
export function checkText(text: string, list: WordList): CheckOutcome {
  const official = WECHAT_TEST_TEXTS.find((t) => text.includes(t))
  if (official) return { suggest: 'risky', label: OTHER_LABEL, keyword: official }
  const lower = text.toLowerCase()
  for (const e of list.risky) if (lower.includes(e.word.toLowerCase())) return { suggest: 'risky', label: e.label, keyword: e.word }
  for (const e of list.review) if (lower.includes(e.word.toLowerCase())) return { suggest: 'review', label: e.label, keyword: e.word }
  return { suggest: 'pass', label: 100 }
}
