import { isDuplicateWrite } from './db-errors'

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
