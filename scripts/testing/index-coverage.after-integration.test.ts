/**
 * An index for every production query. While the integration suites run, the test fixture records
 * the shape of every query a cloud function makes (emulator-fixture.ts → artifacts/query-shapes/);
 * this test, run after them (`npm test`'s step "Every recorded query has an index", or
 * `npx jest --selectProjects indexes` after `npx jest cloudfunctions`), fails for a shape that no
 * index of database/*.json serves by MongoDB's prefix rules (emulator/database/query-shapes.ts:
 * equality and $in first, then the order in the index's directions or all reversed, or a range).
 * Production has exactly the declared indexes: an unserved shape scans the collection there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeShape, servingIndex, type ShapeRecord } from '../../emulator/database/query-shapes'
import { loadSchema } from '../../emulator/database/schema'
import { QUERY_SHAPES_DIR } from './emulator-fixture'

const schema = loadSchema(join(__dirname, '..', '..', 'database'))

function recorded(): ShapeRecord[] {
  if (!existsSync(QUERY_SHAPES_DIR)) return []
  const out = new Map<string, ShapeRecord>()
  for (const f of readdirSync(QUERY_SHAPES_DIR)) {
    if (!f.endsWith('.jsonl')) continue
    for (const line of readFileSync(join(QUERY_SHAPES_DIR, f), 'utf8').split('\n')) {
      if (!line) continue
      const r = JSON.parse(line) as ShapeRecord
      out.set(`${describeShape(r)} ${r.op} ${r.fn}`, r)
    }
  }
  return [...out.values()]
}

/** The recorded shapes no index serves, as lines naming the function that made them. */
function unserved(records: ShapeRecord[], indexesOf = (c: string) => schema.get(c)?.indexes ?? []): string[] {
  return records.filter((r) => !servingIndex(indexesOf(r.collection), r.shape, r.order ?? [])).map((r) => `${describeShape(r)}  (${r.op}, function ${r.fn})`)
}

const records = recorded()

test('the integration suites recorded the functions’ queries', () => {
  // without them this check proves nothing: run the integration suites first
  expect(records.length).toBeGreaterThan(50)
  expect(new Set(records.map((r) => r.fn)).size).toBeGreaterThanOrEqual(8)
})

test('every query shape a function issues is served by an index declared in database/*.json', () => {
  expect(unserved(records)).toEqual([])
})

test('removing an index the product relies on makes the check fail', () => {
  // the indexes issue 15 added, each the only one serving some recorded query
  const needed: [string, string][] = [
    ['suggestions', 'community_created'],
    ['suggestions', 'created'],
    ['suggestions', 'status_due'],
    ['activities', 'community_start'],
    ['activities', 'start'],
    ['ledger', 'user_at_id'],
    ['signups', 'activity_seq'],
    // `day_at` (the workbench's roll-up) also serves what the older `day` index did, which it replaced
    ['checkins', 'day_at'],
    ['users', 'verification_status_submitted'],
    ['merchants', 'status_submitted'],
  ]
  for (const [collection, name] of needed) {
    expect(schema.get(collection)?.indexes.some((ix) => ix.name === name)).toBe(true)
    const without = unserved(records, (c) => (schema.get(c)?.indexes ?? []).filter((ix) => !(c === collection && ix.name === name)))
    expect({ removed: `${collection}.${name}`, unserved: without.length > 0 }).toEqual({ removed: `${collection}.${name}`, unserved: true })
  }
})
