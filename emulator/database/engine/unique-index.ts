/**
 * In-memory unique index: key tuple → document key. Checked on every insert/update/set and at
 * transaction commit without scanning the collection.
 *
 * Semantics follow MongoDB's unique indexes: a missing field indexes as null (so two documents that
 * both lack the field collide — declare the field on every document, as production requires too);
 * numbers compare by value (1 and 1.0 are equal); a single-field index over an array value indexes
 * every element (multikey); in a compound index an array counts as one whole value (simplification).
 */
import { CloudbaseError } from '../../core/errors'
import { encodeValue } from '../ejson'
import type { IndexSpec } from '../schema'
import { getPath, type Doc } from './doc'

export class UniqueIndex {
  private readonly fields: string[]
  private readonly map = new Map<string, string>()

  constructor(
    readonly collection: string,
    readonly spec: IndexSpec,
  ) {
    this.fields = Object.keys(spec.keys)
  }

  /** The index keys a document contributes (one, or several for a multikey single-field index). */
  keysOf(doc: Doc): string[] {
    if (this.fields.length === 1) {
      const v = getPath(doc, this.fields[0])
      if (Array.isArray(v) && v.length) return [...new Set(v.map((e) => JSON.stringify(encodeValue([e], { relaxed: true }))))]
      return [JSON.stringify(encodeValue([v === undefined ? null : v], { relaxed: true }))]
    }
    return [JSON.stringify(encodeValue(this.fields.map((f) => getPath(doc, f) ?? null), { relaxed: true }))]
  }

  owner(k: string): string | undefined {
    return this.map.get(k)
  }

  add(docKey: string, doc: Doc): void {
    for (const k of this.keysOf(doc)) this.map.set(k, docKey)
  }

  remove(docKey: string, doc: Doc): void {
    for (const k of this.keysOf(doc)) if (this.map.get(k) === docKey) this.map.delete(k)
  }

  clear(): void {
    this.map.clear()
  }

  /**
   * Throws DATABASE_DUPLICATE_WRITE if applying `changes` (docKey → new document, or null for a
   * delete) would put two documents under one key. `current` gives the committed document of a key.
   */
  check(changes: Map<string, Doc | null>, current: (docKey: string) => Doc | undefined): void {
    const pending = new Map<string, string>()
    for (const [docKey, doc] of changes) {
      if (!doc) continue
      for (const k of this.keysOf(doc)) {
        const other = pending.get(k)
        if (other !== undefined && other !== docKey) throw this.duplicate(k)
        pending.set(k, docKey)
        const owner = this.map.get(k)
        if (owner === undefined || owner === docKey) continue
        // the owner may be changing in the same batch: only a conflict if it keeps this key
        if (changes.has(owner)) {
          const next = changes.get(owner)
          if (!next || !this.keysOf(next).includes(k)) continue
        } else if (!current(owner)) continue
        throw this.duplicate(k)
      }
    }
  }

  /** The error production answers for a second document under index key `k`. */
  duplicate(k: string): CloudbaseError {
    const vals = JSON.parse(k) as unknown[]
    const shown = this.fields.map((f, i) => `${f}: ${JSON.stringify(vals[i] ?? null)}`).join(', ')
    return new CloudbaseError(
      'DATABASE_DUPLICATE_WRITE',
      `[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error collection: ${this.collection} index: ${this.spec.name} dup key: { ${shown} }`,
    )
  }
}
