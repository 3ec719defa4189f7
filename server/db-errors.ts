/**
 * A unique-index violation. wx-server-sdk maps CloudBase's DATABASE_DUPLICATE_WRITE to a generic
 * errCode and keeps only the message, which carries the code name and/or MongoDB's E11000 text
 * (the local emulator puts both in the message), so the message is what can be checked.
 */
export function isDuplicateWrite(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown }
  return [e.code, e.errCode, e.message, e.errMsg].some(
    (v) => typeof v === 'string' && /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(v),
  )
}
