/**
 * wx-server-sdk surfaces CloudBase errors as Error objects whose errCode/code/message carry the
 * server's code name; unique-index violations are DATABASE_DUPLICATE_WRITE.
 */
export function isDuplicateWrite(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown }
  return [e.code, e.errCode, e.message, e.errMsg].some((v) => typeof v === 'string' && v.includes('DATABASE_DUPLICATE_WRITE'))
}
