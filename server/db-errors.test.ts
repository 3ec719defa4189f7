import { isDuplicateWrite, isTransactionConflict, isTransactionGone } from './db-errors'

describe('isDuplicateWrite', () => {
  it.each([
    [{ errCode: -501001, errMsg: 'collection.add:fail -501001 [DATABASE_DUPLICATE_WRITE] E11000 duplicate key' }],
    [{ code: 'DATABASE_DUPLICATE_WRITE', message: 'dup' }],
    [new Error('E11000 duplicate key error collection: ledger index: key_unique')],
  ])('recognises %j', (err) => expect(isDuplicateWrite(err)).toBe(true))

  it.each([[new Error('DATABASE_TRANSACTION_CONFLICT')], [null], ['E11000'], [{ errCode: -502003 }]])('does not flag %j', (err) =>
    expect(isDuplicateWrite(err)).toBe(false),
  )
})

describe('isTransactionConflict', () => {
  const PROD = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
  it.each([
    // commit: the raw answer, code kept
    [{ code: 'DATABASE_TRANSACTION_CONFLICT', message: PROD }],
    // a document operation through wx-server-sdk: no code, generic errCode, the message kept
    [{ errCode: -501001, errMsg: `document.update:fail -501001 resource system error. ${PROD}`, message: `document.update:fail -501001 resource system error. ${PROD}` }],
  ])('recognises %j', (err) => expect(isTransactionConflict(err)).toBe(true))

  it.each([
    [{ code: 'DATABASE_TRANSACTION_FAIL', message: '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server' }],
    [{ errCode: -501001, errMsg: 'collection.add:fail -501001 [DATABASE_DUPLICATE_WRITE] E11000 duplicate key' }],
    [null],
    ['TransactionConflict'],
  ])('does not flag %j', (err) => expect(isTransactionConflict(err)).toBe(false))
})

describe('isTransactionGone', () => {
  const PROD = '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
  it.each([
    [{ code: 'DATABASE_TRANSACTION_FAIL', message: PROD }],
    [{ errCode: -501001, errMsg: `document.update:fail -501001 resource system error. ${PROD}`, message: `document.update:fail -501001 resource system error. ${PROD}` }],
  ])('recognises %j', (err) => expect(isTransactionGone(err)).toBe(true))

  it.each([[{ code: 'DATABASE_TRANSACTION_CONFLICT', message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict' }], [new Error('document with _id x does not exist')], [null]])(
    'does not flag %j',
    (err) => expect(isTransactionGone(err)).toBe(false),
  )
})
