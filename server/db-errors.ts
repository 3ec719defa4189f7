/**
 * What database errors look like to function code. wx-server-sdk keeps CloudBase's `code` only on
 * some paths (transaction commit); document operations turn it into `errCode` (a generic -501001
 * for codes it does not know) and keep the server's message in `errMsg`/`message`. So an error is
 * recognised by its code where there is one, else by its message.
 */
const textOf = (err: unknown): string[] => {
  if (!err || typeof err !== 'object') return []
  const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown }
  return [e.code, e.errCode, e.message, e.errMsg].filter((v): v is string => typeof v === 'string')
}

/**
 * A unique-index violation: the message carries the code name and/or MongoDB's E11000 text (the
 * local emulator puts both in it).
 */
export function isDuplicateWrite(err: unknown): boolean {
  return textOf(err).some((v) => /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(v))
}

/**
 * A transaction write conflict. From commit it keeps `code: 'DATABASE_TRANSACTION_CONFLICT'`; from a
 * document operation inside the transaction it is `errCode: -501001` with production's message
 * `[ResourceUnavailable.TransactionConflict] Transaction is conflict, …` (CloudBase node-sdk
 * test/database/unit/transaction.test.ts › 读偏).
 */
export function isTransactionConflict(err: unknown): boolean {
  return textOf(err).some((v) => /DATABASE_TRANSACTION_CONFLICT|TransactionConflict/.test(v))
}

/**
 * The transaction is no longer on the server: it outlived its lifetime (production: "must be commit
 * or abort in 30 seconds") and was aborted, so none of its writes were applied. Production's message
 * (node-sdk transaction.test.ts › 事务提交后不能进行其它操作) comes back on the document operation or
 * the commit that finds it gone.
 */
export function isTransactionGone(err: unknown): boolean {
  return textOf(err).some((v) => /TransactionNotExist/.test(v))
}
