import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PERSONAL_DATA, processingActivities, type CollectionRule } from './personal-data'
import { PRIVACY_NOTICE } from './privacy'

interface Declared {
  name: string
  indexes: { name: string; keys: Record<string, unknown> }[]
}
const dir = join(__dirname, '..', 'database')
const declared: Declared[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Declared)
const rules = PERSONAL_DATA as Record<string, CollectionRule>

describe('the personal-data table', () => {
  it('has a rule for every collection in database/*.json, and none for a collection that does not exist', () => {
    const missing = declared.map((c) => c.name).filter((n) => !(n in rules))
    expect(missing).toEqual([])
    expect(Object.keys(rules).filter((n) => !declared.some((c) => c.name === n))).toEqual([])
  })

  it.each(declared.map((c) => [c.name, c] as const))('%s: every finder is an equality query an index leads with', (name, c) => {
    for (const f of rules[name]?.find ?? []) {
      const served = f.field === '_id' || c.indexes.some((ix) => Object.keys(ix.keys)[0] === f.field)
      expect({ field: f.field, served }).toEqual({ field: f.field, served: true })
    }
  })

  it('names another person only through pick lists: a reference on someone else’s data never exports it whole', () => {
    for (const [name, rule] of Object.entries(rules)) {
      for (const f of rule.find) {
        const own = f.field === '_id' || ['userId', 'reporterId', 'openid'].includes(f.field)
        if (!own) expect({ name, field: f.field, pick: !!f.pick?.length }).toEqual({ name, field: f.field, pick: true })
      }
    }
  })

  it('the privacy notice lists every collection of the table with its retention', () => {
    expect(PRIVACY_NOTICE.collections.map((c) => c.collection).sort()).toEqual(Object.keys(rules).sort())
    for (const c of PRIVACY_NOTICE.collections) expect(c.retention.length).toBeGreaterThan(0)
  })

  it('the record of processing activities has one row per collection, each reference with what 注销 does to it', () => {
    const rows = processingActivities()
    expect(rows.map((r) => r.collection).sort()).toEqual(declared.map((c) => c.name).sort())
    for (const r of rows) {
      expect(r.references.map((x) => x.field)).toEqual(rules[r.collection].find.map((f) => f.field))
      for (const x of r.references) expect(x.onDeletion.length).toBeGreaterThan(0)
    }
    expect(rows.find((r) => r.collection === 'checkins')?.references).toEqual([{ field: 'userId', identifies: 'openid', onDeletion: '删除' }])
  })
})
