import { randomBytes } from 'node:crypto'

/** Database operation counters, per invocation; tests and benches assert on them. */
export interface OperationCounters {
  reads: number
  writes: number
  /** aggregate pipelines (each also counts as one read) */
  aggregates: number
  /** count() calls (each also counts as one read) */
  counts: number
  /** documents the database's queries fetched and tested (set by the database once it ran a query) */
  docsExamined?: number
  /** index entries those queries visited */
  keysExamined?: number
  /** transactions started (each attempt of a retried transaction is one) */
  transactions?: number
  /** operations answered DATABASE_TRANSACTION_CONFLICT (each aborts its transaction) */
  conflicts?: number
  /** milliseconds plain writes spent waiting for a transaction's lock on their documents */
  lockWaitMs?: number
}

export interface Invocation {
  id: string
  functionName: string
  openid: string
  /** the event's `action`, when it has one (fault injection matches on it) */
  action?: string
  /** sent by the SDK as wxCloudApiToken in every admin request made during this invocation */
  apiToken: string
  startedAt: number
  endedAt?: number
  counters: OperationCounters
}

export const emptyCounters = (): OperationCounters => ({ reads: 0, writes: 0, aggregates: 0, counts: 0 })

/**
 * Tracks running and recently finished invocations so that an admin request can be attributed to the
 * invocation that made it (through the per-invocation WX_API_TOKEN the runtime sets).
 */
export class InvocationRegistry {
  private byToken = new Map<string, Invocation>()
  private recent: Invocation[] = []

  constructor(private readonly keepRecent = 500) {}

  begin(functionName: string, openid: string, action?: string): Invocation {
    const inv: Invocation = {
      id: randomBytes(8).toString('hex'),
      functionName,
      openid,
      action,
      apiToken: randomBytes(16).toString('hex'),
      startedAt: Date.now(),
      counters: emptyCounters(),
    }
    this.byToken.set(inv.apiToken, inv)
    return inv
  }

  end(inv: Invocation): void {
    inv.endedAt = Date.now()
    // Keep the token resolvable for a moment: the SDK may still flush e.g. an abortTransaction.
    this.recent.push(inv)
    if (this.recent.length > this.keepRecent) {
      const old = this.recent.shift()!
      this.byToken.delete(old.apiToken)
    }
  }

  byApiToken(token: unknown): Invocation | undefined {
    return typeof token === 'string' ? this.byToken.get(token) : undefined
  }

  /** Invocations still running (tests synchronise on their counters). */
  running(): Invocation[] {
    return [...this.byToken.values()].filter((inv) => inv.endedAt === undefined)
  }

  find(id: string): Invocation | undefined {
    for (const inv of this.byToken.values()) if (inv.id === id) return inv
    return undefined
  }
}
