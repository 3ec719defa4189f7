/**
 * A managed emulator plays a new CloudBase environment: empty at first, then collections, indexes
 * and functions are created at runtime through emulator.manager, take effect at once (a unique
 * index refuses a duplicate, a deployed function answers with its own environment variables) and
 * are still there after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator, type RunningEmulator } from '../index'

jest.setTimeout(60_000)

const insert = (emu: RunningEmulator, collectionName: string, doc: Record<string, unknown>) =>
  emu.database.handle({ action: 'database.insertDocument', body: { collectionName, data: [JSON.stringify(doc)] }, env: emu.envId, rawBody: Buffer.alloc(0), contentType: 'application/json' })

describe('emulator/manager', () => {
  let dataDir: string
  let emu: RunningEmulator | undefined
  const start = () => startEmulator({ port: 0, dataDir, quiet: true, managed: true })

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'emu-manager-'))
  })
  afterEach(async () => {
    await emu?.stop()
    emu = undefined
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts empty, creates a collection and a unique index at runtime, and keeps them across a restart', async () => {
    emu = await start()
    const m = emu.manager!
    expect(m.listCollections()).toEqual([])
    expect(emu.database.listCollections()).toEqual([])
    await expect(insert(emu, 'places', { code: 'A' })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })

    await m.createCollection('places')
    await insert(emu, 'places', { _id: 'p1', code: 'A' })
    await m.updateIndexes('places', { create: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] })
    m.setRules('places', { read: false, write: false })
    // the index is enforced at once, over the documents that were there before it
    await expect(insert(emu, 'places', { _id: 'p2', code: 'A' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await insert(emu, 'places', { _id: 'p3', code: 'B' })

    await emu.stop()
    emu = await start()
    expect(emu.manager!.listCollections()).toEqual([{ name: 'places', description: undefined, indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }], rules: { read: false, write: false } }])
    expect(emu.database.listCollections()).toEqual([{ name: 'places', count: 2 }])
    await expect(insert(emu, 'places', { _id: 'p4', code: 'B' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })

    // dropping the index lifts the constraint
    await emu.manager!.updateIndexes('places', { drop: ['code_unique'] })
    await insert(emu, 'places', { _id: 'p4', code: 'B' })
  })

  it('runs a deployed function with its own environment variables, and routes message push to it', async () => {
    emu = await start()
    const m = emu.manager!
    m.deployFunction(
      'echo',
      { 'index.js': 'exports.main = async () => ({ key: process.env.ECHO_KEY })', 'package.json': '{"name":"echo","main":"index.js"}' },
      { runtime: 'Nodejs16.13', timeout: 3, memorySize: 256, envVariables: { ECHO_KEY: 'one' }, triggers: [], permissions: { openapi: [] }, codeSha256: 'x', installDependency: true },
    )
    expect(emu.functions.listFunctions()).toEqual(['echo'])
    expect((await emu.functions.invoke('echo', {}, { openid: 'o1' })).result).toEqual({ key: 'one' })
    expect(m.listFunctions()).toMatchObject([{ name: 'echo', runtime: 'Nodejs16.13', envVariables: { ECHO_KEY: 'one' } }])

    m.updateFunctionConfig('echo', { envVariables: { ECHO_KEY: 'two' }, triggers: [{ name: 'daily', type: 'timer', config: '0 0 1 * * * *' }] })
    expect(emu.timers.list()).toMatchObject([{ functionName: 'echo', name: 'daily' }])
    expect((await emu.functions.invoke('echo', {}, { openid: 'o1' })).result).toEqual({ key: 'two' })

    m.setMessagePush('wxa_media_check', 'echo')
    expect(m.messagePushRoutes).toEqual({ wxa_media_check: 'echo' })
    expect(m.getStorageAcl()).toBe('READONLY')
    m.setStorageAcl('PRIVATE')

    await emu.stop()
    emu = await start()
    expect(emu.manager!.messagePushRoutes).toEqual({ wxa_media_check: 'echo' })
    expect(emu.manager!.getStorageAcl()).toBe('PRIVATE')
    expect(emu.manager!.listFunctions()).toMatchObject([{ name: 'echo', envVariables: { ECHO_KEY: 'two' } }])
    expect((await emu.functions.invoke('echo', {}, { openid: 'o1' })).result).toEqual({ key: 'two' })
  })
})
