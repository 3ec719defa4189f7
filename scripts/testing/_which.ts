import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeShape, servingIndex, type ShapeRecord } from '../../emulator/database/query-shapes'
import { loadSchema } from '../../emulator/database/schema'
const schema = loadSchema('database')
const dir = 'artifacts/query-shapes'
const recs: ShapeRecord[] = []
for (const f of readdirSync(dir)) for (const l of readFileSync(join(dir, f), 'utf8').split('\n')) if (l) recs.push(JSON.parse(l))
const seen = new Set<string>()
for (const r of recs) {
  const k = describeShape(r) + r.fn
  if (seen.has(k)) continue
  seen.add(k)
  const ix = servingIndex(schema.get(r.collection)?.indexes ?? [], r.shape, r.order ?? [])
  console.log(`${ix}\t${describeShape(r)}\t${r.op} ${r.fn}`)
}
const needed: [string, string][] = [['suggestions', 'community_created'], ['suggestions', 'created'], ['suggestions', 'status_due'], ['activities', 'community_start'], ['activities', 'start'], ['ledger', 'user_at_id'], ['signups', 'activity_seq'], ['checkins', 'day'], ['users', 'verification_status_submitted'], ['merchants', 'status_submitted'], ['mallItems', 'created']]
for (const [c, n] of needed) {
  const bad = recs.filter((r) => !servingIndex((schema.get(r.collection)?.indexes ?? []).filter((ix) => !(r.collection === c && ix.name === n)), r.shape, r.order ?? []))
  console.log(c, n, bad.length)
}
