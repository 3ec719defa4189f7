/** Structured one-line logs; CloudBase's log console and the emulator both show stdout per invocation. */
export function logError(requestId: string, where: string, err: unknown): void {
  const e = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) }
  console.error(JSON.stringify({ level: 'error', requestId, where, error: e }))
}
