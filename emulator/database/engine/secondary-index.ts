/**
 * A secondary index: a B+ tree (sorted-btree) of entries `[key of field 1, …, key of field n,
 * ordinal]` → document key, in the index's order (each field ascending or descending, as declared).
 * Keys are the order-preserving encodings of index-key.ts; the ordinal is the document's place in
 * the collection's natural (insertion) order, so documents with equal keys come in the order a scan
 * would see them.
 *
 * Built on first use (a collection loaded at start-up pays nothing until a query needs the index),
 * then kept current by Collection.put/delete — the one path every commit takes: plain writes,
 * transaction commits, recovery, import. A document contributes one entry per combination of its
 * fields' values (arrays are expanded: MongoDB's multikey indexes).
 */
import BTree from 'sorted-btree'
import { bulkLoad } from 'sorted-btree/extended/bulkLoad'
import type { Doc } from './doc'
import { fieldValues } from './index-key'

/** `[field keys…, ordinal]` */
export type IndexEntry = (string | number)[]

export class SecondaryIndex {
  readonly fields: string[]
  readonly dirs: (1 | -1)[]
  /** per field: documents whose value there is (or passes through) an array */
  readonly multikey: number[]
  /** per field: documents whose value there has no exact place in the order (index-key.ts) */
  readonly exotic: number[]
  readonly compare: (a: IndexEntry, b: IndexEntry) => number
  private tree: BTree<IndexEntry, string> | undefined

  constructor(
    readonly name: string,
    keys: Record<string, unknown>,
  ) {
    this.fields = Object.keys(keys)
    this.dirs = this.fields.map((f) => (keys[f] === -1 ? -1 : 1))
    this.multikey = this.fields.map(() => 0)
    this.exotic = this.fields.map(() => 0)
    const n = this.fields.length
    const dirs = this.dirs
    this.compare = (a, b) => {
      for (let i = 0; i < n; i++) {
        const x = a[i] as string
        const y = b[i] as string
        if (x !== y) return x < y ? -dirs[i] : dirs[i]
      }
      return (a[n] as number) - (b[n] as number)
    }
  }

  get built(): boolean {
    return this.tree !== undefined
  }

  /** Index entries (in the tree) — 0 until built. */
  get size(): number {
    return this.tree?.size ?? 0
  }

  /** The entries of a document, and which of its fields are multikey / exotic. */
  private entriesOf(doc: Doc, ordinal: number): { entries: IndexEntry[]; multi: boolean[]; exo: boolean[] } {
    let entries: IndexEntry[] = [[]]
    const multi: boolean[] = []
    const exo: boolean[] = []
    for (const f of this.fields) {
      const v = fieldValues(doc, f)
      multi.push(v.multikey)
      exo.push(v.exotic)
      if (v.keys.length === 1) for (const e of entries) e.push(v.keys[0])
      else entries = entries.flatMap((e) => v.keys.map((k) => [...e, k]))
    }
    for (const e of entries) e.push(ordinal)
    return { entries, multi, exo }
  }

  private count(multi: boolean[], exo: boolean[], d: 1 | -1): void {
    for (let i = 0; i < multi.length; i++) {
      if (multi[i]) this.multikey[i] += d
      if (exo[i]) this.exotic[i] += d
    }
  }

  /** Builds the tree from every document (sorted once, then bulk-loaded). */
  build(docs: Iterable<[string, Doc, number]>): void {
    const all: [IndexEntry, string][] = []
    this.multikey.fill(0)
    this.exotic.fill(0)
    for (const [key, doc, ord] of docs) {
      const { entries, multi, exo } = this.entriesOf(doc, ord)
      this.count(multi, exo, 1)
      for (const e of entries) all.push([e, key])
    }
    all.sort((a, b) => this.compare(a[0], b[0]))
    this.tree = bulkLoad(
      all.map((p) => p[0]),
      all.map((p) => p[1]),
      64,
      this.compare,
    )
  }

  add(key: string, doc: Doc, ordinal: number): void {
    if (!this.tree) return
    const { entries, multi, exo } = this.entriesOf(doc, ordinal)
    this.count(multi, exo, 1)
    for (const e of entries) this.tree.set(e, key)
  }

  remove(doc: Doc, ordinal: number): void {
    if (!this.tree) return
    const { entries, multi, exo } = this.entriesOf(doc, ordinal)
    this.count(multi, exo, -1)
    for (const e of entries) this.tree.delete(e)
  }

  clear(): void {
    this.tree = undefined
    this.multikey.fill(0)
    this.exotic.fill(0)
  }

  /** Entries from `low` to `high` (inclusive, in index order), or from `high` down to `low`. */
  *walk(low: IndexEntry, high: IndexEntry, reverse: boolean): Generator<[IndexEntry, string]> {
    const tree = this.tree
    if (!tree) throw new Error(`index ${this.name} is not built`)
    if (!reverse) {
      for (const pair of tree.entries(low)) {
        if (this.compare(pair[0], high) > 0) return
        yield pair
      }
    } else {
      for (const pair of tree.entriesReversed(high)) {
        if (this.compare(pair[0], low) < 0) return
        yield pair
      }
    }
  }
}
