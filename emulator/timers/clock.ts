/**
 * The clock the timer triggers run on (only theirs: the database's serverDate and the functions' own
 * `new Date()` keep real time). `real` ticks with the machine's clock, shifted by whatever `set` or
 * `advance` moved it; `manual` stands still until moved, so tests decide exactly what fires.
 */
export type ClockMode = 'real' | 'manual'

export class TimerClock {
  private offset = 0
  private frozenAt: number

  constructor(
    readonly mode: ClockMode,
    start: number | undefined,
    private readonly realNow: () => number = Date.now,
  ) {
    this.frozenAt = start ?? realNow()
    if (mode === 'real' && start !== undefined) this.offset = start - realNow()
  }

  now(): number {
    return this.mode === 'manual' ? this.frozenAt : this.realNow() + this.offset
  }

  /** Moves the clock to `at` (forwards or backwards). */
  set(at: number): void {
    if (this.mode === 'manual') this.frozenAt = at
    else this.offset = at - this.realNow()
  }
}
