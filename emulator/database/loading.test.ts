/**
 * The database service on a big snapshot, served while it loads (emulator/README.md, "Database
 * storage engine"): what a call sees during the load, after it, and when the snapshot is damaged.
 * The kill -9 during a load is in crash.test.ts.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { AdminCall } from '../admin/types'
import { createDatabaseService } from './index'

let tmp: string
let schemaDir: string
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'db-loading-'))
  schemaDir = path.join(tmp, 'schema')
  fs.mkdirSync(schemaDir)
  for (const name of ['big', 'small']) fs.writeFileSync(path.join(schemaDir, `${name}.json`), JSON.stringify({ name, indexes: [] }))
})
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** the service on a big snapshot, served while it loads whatever its size; no slow-query warnings */
const serveEarly = (dataDir: string) => createDatabaseService({ dataDir, schemaDir, serveWhileLoadingAboveBytes: 0, warn: () => undefined })
const req = (action: string, body: Record<string, unknown>): AdminCall => ({ action, body, env: '', rawBody: Buffer.alloc(0), contentType: '' })
const count = (collectionName: string) => req('database.calculateDocument', { collectionName, query: '{}' })

/** a data directory whose snapshot holds 5,000 documents in `big` (~2.5 MB) and one in `small` */
async function bigDataDir(): Promise<string> {
  const dataDir = path.join(tmp, 'data')
  const svc = await createDatabaseService({ dataDir, schemaDir })
  const big = Array.from({ length: 5000 }, (_, i) => ({ _id: `b${i}`, pad: '站'.repeat(80) }))
  await svc.importSnapshot({ collections: { big, small: [{ _id: 's' }] } }, { replace: true })
  await svc.close()
  return dataDir
}

test('served while loading: calls wait for their collection only, listCollections says what still loads, whole-state calls wait for everything', async () => {
  const dataDir = await bigDataDir()
  const svc = await serveEarly(dataDir)
  expect(svc.listCollections().find((c) => c.name === 'big')).toMatchObject({ loading: true })
  expect(() => svc.exportSnapshot()).toThrow(/still loading/)
  const answered: string[] = []
  const big = svc.handle(count('big')).then((r) => (answered.push('big'), r))
  const small = svc.handle(count('small')).then((r) => (answered.push('small'), r))
  expect(await small).toEqual({ data: { total: 1 } })
  expect(await big).toEqual({ data: { total: 5000 } })
  expect(answered).toEqual(['small', 'big'])
  await svc.loaded
  expect(svc.listCollections().map((c) => [c.name, c.count, c.loading])).toEqual([
    ['big', 5000, undefined],
    ['small', 1, undefined],
  ])
  expect(Object.keys(svc.exportSnapshot().collections).sort()).toEqual(['big', 'small'])
  await svc.close()
})

test('a snapshot damaged after its header: the service starts, and every call fails with the reason instead of answering from half of it', async () => {
  const dataDir = await bigDataDir()
  const snap = path.join(dataDir, 'snapshot.ndjson')
  const text = fs.readFileSync(snap, 'latin1')
  fs.writeFileSync(snap, text.slice(0, text.indexOf('{"$end"')), 'latin1')
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    const svc = await serveEarly(dataDir)
    await expect(svc.loaded).rejects.toThrow(/incomplete/)
    await expect(svc.handle(count('big'))).rejects.toMatchObject({ code: 'SYS_ERR', message: expect.stringMatching(/could not be loaded.*incomplete/) })
    await expect(svc.handle(count('small'))).rejects.toMatchObject({ code: 'SYS_ERR' })
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/loading failed/))
    await svc.close()
  } finally {
    errors.mockRestore()
  }
})

test('closed during the load: it stops reading, quietly', async () => {
  const dataDir = await bigDataDir()
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    const svc = await serveEarly(dataDir)
    await svc.close()
    expect(errors).not.toHaveBeenCalled()
  } finally {
    errors.mockRestore()
  }
})
