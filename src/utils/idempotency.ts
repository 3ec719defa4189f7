/**
 * A client idempotency key for one business action (a redemption): made once when the person
 * confirms, reused by every retry of that same action, so a retry after a lost answer can never
 * spend twice. Matches the contract's `[A-Za-z0-9_-]{8,64}`.
 */
export function newIdempotencyKey(now: number = Date.now()): string {
  let rand = ''
  for (let i = 0; i < 3; i++) rand += Math.floor(Math.random() * 0x100000000).toString(36).padStart(7, '0')
  return `k-${now.toString(36)}-${rand}`
}
