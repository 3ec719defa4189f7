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

/** Risky words win over review words; otherwise pass with label 100 (正常). */
export function checkText(text: string, list: WordList): CheckOutcome {
  const lower = text.toLowerCase()
  for (const e of list.risky) if (lower.includes(e.word.toLowerCase())) return { suggest: 'risky', label: e.label, keyword: e.word }
  for (const e of list.review) if (lower.includes(e.word.toLowerCase())) return { suggest: 'review', label: e.label, keyword: e.word }
  return { suggest: 'pass', label: 100 }
}
