import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { COLLECTIONS } from './collections'

const declared = readdirSync(join(__dirname, '..', 'database'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(join(__dirname, '..', 'database', f), 'utf8')) as { name: string }).name)

describe('server/collections.ts', () => {
  it('names every collection database/*.json declares', () => {
    expect(declared.filter((n) => !(COLLECTIONS as readonly string[]).includes(n))).toEqual([])
  })
  it('names no collection database/*.json does not declare', () => {
    expect(COLLECTIONS.filter((n) => !declared.includes(n))).toEqual([])
  })
  it('names each collection once', () => {
    expect(new Set(COLLECTIONS).size).toBe(COLLECTIONS.length)
  })
})
