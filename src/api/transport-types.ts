import type { CallRequest } from '@domain/envelope'

export interface SendOptions {
  /** client-side limit; the call fails with TIMEOUT after it */
  timeoutMs: number
}

/**
 * Sends one request to a cloud function and resolves with the raw answer (expected to be an
 * Envelope; `call` checks it). Rejects only with an AppError: NETWORK, TIMEOUT or INTERNAL.
 */
export type Send = (fn: string, request: CallRequest, options: SendOptions) => Promise<unknown>

export const DEFAULT_TIMEOUT_MS = 15_000
