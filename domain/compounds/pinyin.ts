/**
 * Pinyin initials of a compound's name (「金祝新村」 → jzxc), computed when a compound is written
 * (worker tools, demo script) and stored in its search keys, so the rider's phone needs no pinyin
 * table. A pinyin library carries a dictionary of several hundred KB; the initial alone follows from
 * the zh-CN collation, which orders CJK characters by pinyin: each initial starts at the first
 * character of its block in that order. ECMAScript's Intl (full ICU in Node ≥ 13, CloudBase's
 * runtimes included), so it stays platform-free. Polyphones take the collation's reading
 * (长 → z): a worker adds the other reading as an alias when riders type it.
 */
const BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨他屲夕丫帀'
const LETTERS = 'abcdefghjklmnopqrstwxyz'
const HAN = /[\u4e00-\u9fff]/

let collator: Intl.Collator | null = null

/** The initial of one character: a letter for a Han character, the character lower-cased otherwise. */
export function initialOf(ch: string): string {
  if (!HAN.test(ch)) return ch.toLowerCase()
  collator = collator ?? new Intl.Collator('zh-CN')
  let letter = ''
  for (let i = 0; i < BOUNDARIES.length; i++) {
    if (collator.compare(ch, BOUNDARIES[i]) >= 0) letter = LETTERS[i]
    else break
  }
  return letter
}

/** 「金祝新村」 → 「jzxc」; digits and letters are kept, anything else dropped. */
export const initialsOf = (text: string): string =>
  Array.from(text)
    .map(initialOf)
    .filter((c) => /^[a-z0-9]$/.test(c))
    .join('')
