/** One measured figure, printed by `npm run bench` against its budget. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** the budget in words, e.g. "goal ≤ 1.0 MB, hard ≤ 2 MB" */
  budget?: string
  /** within budget (undefined: informational) */
  ok?: boolean
}
