import type { Invocation } from './invocations'

/**
 * Which database requests a kill rule counts:
 * - `any`: every `database.*` request of the invocation (get, count, aggregate, add, update, set,
 *   remove, createCollection, a transaction's start, commit and abort, and each operation inside it);
 * - `write`: add, update, set, remove — inside a transaction too (what the invocation's `writes`
 *   counter counts);
 * - `commit`: a transaction's commit.
 */
export type FaultOpKind = 'any' | 'write' | 'commit'

export interface KillRule {
  /** the function whose invocation is killed */
  function: string
  /** only invocations whose event has this `action` */
  action?: string
  /** the Nth (1-based) database request of the kind `on` */
  op: number
  /** default `any` */
  on?: FaultOpKind
  /** count only requests on this collection (e.g. `checkins`: "right after the check-in is stored") */
  collection?: string
  /**
   * `before` (default): the request never reaches the database — the crash lands between the
   * previous step and this one. `after`: the database applies it, then the process dies before the
   * answer comes back — "acknowledged, but the answer never came back".
   */
  when?: 'before' | 'after'
  /** how many invocations to kill before the rule disarms (default 1) */
  times?: number
}

export interface KillRecord {
  invocationId: string
  functionName: string
  action?: string
  /** the admin action of the database request the kill is attached to, e.g. `database.insertDocument` */
  databaseAction: string
  collection?: string
  op: number
  on: FaultOpKind
  when: 'before' | 'after'
  at: number
}

export interface KillHandle {
  readonly rule: Readonly<KillRule>
  /** the invocations killed so far */
  readonly kills: readonly KillRecord[]
  /** resolves with the first kill */
  readonly fired: Promise<KillRecord>
  /** disarms the rule */
  cancel(): void
}

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument'])

const kindsOf = (databaseAction: string): FaultOpKind[] => {
  const kinds: FaultOpKind[] = ['any']
  if (WRITES.has(databaseAction)) kinds.push('write')
  if (databaseAction === 'database.commitTransaction') kinds.push('commit')
  return kinds
}

interface Armed {
  rule: KillRule
  kills: KillRecord[]
  remaining: number
  resolveFired: (k: KillRecord) => void
}

/**
 * Fault injection for integration tests: SIGKILL a function's process right before (or right after)
 * its Nth database request, so that "the function crashed between step 1 and step 2" is a parameter
 * of any test rather than a one-off script. The admin handler asks `onDatabaseRequest` for every
 * `database.*` request an invocation sends; the caller of the killed invocation sees FUNCTION_CRASHED
 * as for any crash.
 */
export class FaultInjector {
  private rules: Armed[] = []
  /** per invocation: requests seen, by `<kind>|` and `<kind>|<collection>` */
  private counts = new WeakMap<Invocation, Map<string, number>>()

  constructor(
    /** kills the process running an invocation and resolves once it has exited */
    private readonly killInvocation: (invocationId: string, why: string) => Promise<boolean>,
  ) {}

  /** Arms a rule; see KillRule. */
  killAt(rule: KillRule): KillHandle {
    if (!Number.isInteger(rule.op) || rule.op < 1) throw new Error(`killAt: op must be a positive integer (got ${rule.op})`)
    let resolveFired!: (k: KillRecord) => void
    const fired = new Promise<KillRecord>((resolve) => (resolveFired = resolve))
    const armed: Armed = { rule: { ...rule }, kills: [], remaining: rule.times ?? 1, resolveFired }
    this.rules.push(armed)
    return {
      rule: armed.rule,
      kills: armed.kills,
      fired,
      cancel: () => {
        this.rules = this.rules.filter((r) => r !== armed)
      },
    }
  }

  /** Disarms every rule. */
  clear(): void {
    this.rules = []
  }

  /** Rules still armed. */
  armed(): KillRule[] {
    return this.rules.map((r) => r.rule)
  }

  /**
   * Counts a database request of an invocation and answers the rule it triggers, if any (the admin
   * handler then kills before or after running it).
   */
  onDatabaseRequest(inv: Invocation, databaseAction: string, collection?: string): { when: 'before' | 'after'; kill: () => Promise<void> } | undefined {
    let counts = this.counts.get(inv)
    if (!counts) this.counts.set(inv, (counts = new Map()))
    const kinds = kindsOf(databaseAction)
    for (const k of kinds) {
      for (const key of collection === undefined ? [`${k}|`] : [`${k}|`, `${k}|${collection}`]) counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    if (this.rules.length === 0) return undefined
    const armed = this.rules.find(({ rule }) => {
      const on = rule.on ?? 'any'
      if (rule.function !== inv.functionName || (rule.action !== undefined && rule.action !== inv.action) || !kinds.includes(on)) return false
      if (rule.collection !== undefined && rule.collection !== collection) return false
      return counts!.get(`${on}|${rule.collection ?? ''}`) === rule.op
    })
    if (!armed) return undefined
    const when = armed.rule.when ?? 'before'
    const on = armed.rule.on ?? 'any'
    if (--armed.remaining <= 0) this.rules = this.rules.filter((r) => r !== armed)
    const record: KillRecord = { invocationId: inv.id, functionName: inv.functionName, action: inv.action, databaseAction, collection, op: armed.rule.op, on, when, at: Date.now() }
    return {
      when,
      kill: async () => {
        const what = `${on === 'any' ? 'database request' : on} ${record.op}${armed.rule.collection ? ` on ${armed.rule.collection}` : ''}`
        await this.killInvocation(inv.id, `fault injection: SIGKILL ${when} ${what} (${databaseAction}${collection ? ` ${collection}` : ''})`)
        armed.kills.push(record)
        armed.resolveFired(record)
      },
    }
  }
}
