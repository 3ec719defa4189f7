/**
 * A request id for one call: quoted in error messages and logs so a person can tell support which
 * call failed. Not a secret and not an idempotency key (those are generated per business action).
 */
export function newRequestId(now: number = Date.now()): string {
  const rand = Math.floor(Math.random() * 0x100000000)
    .toString(36)
    .padStart(7, '0')
  return `r-${now.toString(36)}-${rand}`
}
