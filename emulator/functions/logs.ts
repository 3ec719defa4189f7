import type { InvocationRecord, LogLine } from './types'

/** Recent invocations with their console output, oldest dropped first. */
export class InvocationLog {
  private records: InvocationRecord[] = []
  private byId = new Map<string, InvocationRecord>()

  constructor(
    private readonly capacity = 1000,
    /** lines kept per invocation, so one chatty invocation cannot eat the memory */
    private readonly maxLinesPerInvocation = 500,
  ) {}

  add(rec: InvocationRecord): void {
    this.records.push(rec)
    this.byId.set(rec.id, rec)
    while (this.records.length > this.capacity) this.byId.delete(this.records.shift()!.id)
  }

  appendLine(id: string, line: LogLine): boolean {
    const rec = this.byId.get(id)
    if (!rec) return false
    if (rec.logs.length < this.maxLinesPerInvocation) rec.logs.push(line)
    else if (rec.logs.length === this.maxLinesPerInvocation) rec.logs.push({ ts: line.ts, level: 'warn', text: '[emulator] further output of this invocation dropped' })
    return true
  }

  get(id: string): InvocationRecord | undefined {
    return this.byId.get(id)
  }

  /** Newest first. */
  list(opts: { functionName?: string; openid?: string; limit?: number } = {}): InvocationRecord[] {
    const out: InvocationRecord[] = []
    const limit = opts.limit ?? 100
    for (let i = this.records.length - 1; i >= 0 && out.length < limit; i--) {
      const r = this.records[i]
      if (opts.functionName && r.functionName !== opts.functionName) continue
      if (opts.openid && r.openid !== opts.openid) continue
      out.push(r)
    }
    return out
  }

  clear(): void {
    this.records = []
    this.byId.clear()
  }
}
