/**
 * Collections, indexes and rules declared as data in `database/<collection>.json` (see
 * database/README.md). The emulator reads them at start: declared collections exist from the start,
 * unique indexes are enforced, 2dsphere indexes enable geo queries. The same files are what a deploy
 * script applies to the real CloudBase environment, so a mistake here should fail loudly and early.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

export type IndexKeys = Record<string, 1 | -1 | '2dsphere'>

export interface IndexSpec {
  name: string
  keys: IndexKeys
  unique?: boolean
}

export interface CollectionSpec {
  name: string
  description?: string
  indexes: IndexSpec[]
  rules?: Record<string, unknown>
}

/** CloudBase's limit; more would fail at deploy time, so fail locally too. */
const MAX_INDEXES = 100
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

export function validateCollectionSpec(raw: unknown, source: string): CollectionSpec {
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('expected an object')
  const o = raw as Record<string, unknown>
  if (typeof o.name !== 'string' || !NAME_RE.test(o.name)) fail(`"name" must be a collection name, got ${JSON.stringify(o.name)}`)
  const indexes = o.indexes ?? []
  if (!Array.isArray(indexes)) fail('"indexes" must be an array')
  if ((indexes as unknown[]).length > MAX_INDEXES) fail(`more than ${MAX_INDEXES} indexes`)
  const seen = new Set<string>()
  const specs: IndexSpec[] = (indexes as unknown[]).map((ix, i) => {
    if (!ix || typeof ix !== 'object') fail(`indexes[${i}] must be an object`)
    const x = ix as Record<string, unknown>
    if (typeof x.name !== 'string' || !x.name) fail(`indexes[${i}].name must be a non-empty string`)
    if (seen.has(x.name as string)) fail(`duplicate index name ${x.name}`)
    seen.add(x.name as string)
    if (!x.keys || typeof x.keys !== 'object' || Array.isArray(x.keys) || Object.keys(x.keys).length === 0)
      fail(`indexes[${i}].keys must be an object like {"field": 1}`)
    for (const [field, dir] of Object.entries(x.keys as object)) {
      if (dir !== 1 && dir !== -1 && dir !== '2dsphere') fail(`indexes[${i}].keys.${field} must be 1, -1 or "2dsphere"`)
      if (field.startsWith('$') || field === '') fail(`indexes[${i}] has an invalid field name "${field}"`)
    }
    if (x.unique !== undefined && typeof x.unique !== 'boolean') fail(`indexes[${i}].unique must be a boolean`)
    if (x.unique && Object.values(x.keys as object).includes('2dsphere')) fail(`indexes[${i}]: a 2dsphere index cannot be unique`)
    return { name: x.name as string, keys: x.keys as IndexKeys, unique: !!x.unique }
  })
  if (o.rules !== undefined && (typeof o.rules !== 'object' || o.rules === null)) fail('"rules" must be an object')
  return {
    name: o.name as string,
    description: typeof o.description === 'string' ? o.description : undefined,
    indexes: specs,
    rules: o.rules as Record<string, unknown> | undefined,
  }
}

/** Loads every `*.json` in the schema directory (a missing directory means no declared collections). */
export function loadSchema(dir: string): Map<string, CollectionSpec> {
  const out = new Map<string, CollectionSpec>()
  let files: string[]
  try {
    files = fs.readdirSync(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out
    throw e
  }
  for (const f of files.sort()) {
    if (!f.endsWith('.json')) continue
    const file = path.join(dir, f)
    let raw: unknown
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${(e as Error).message})`)
    }
    const spec = validateCollectionSpec(raw, file)
    if (spec.name !== f.slice(0, -'.json'.length)) throw new Error(`${file}: "name" is ${spec.name}; the file must be named ${spec.name}.json`)
    out.set(spec.name, spec)
  }
  return out
}
