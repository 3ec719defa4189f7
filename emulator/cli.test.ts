import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from './cli'
import type { DatabaseFactory, RunningEmulator } from './index'
import { FIXTURES, inspectorAuth } from './testing/harness'
import { createStubDatabase } from './testing/stub-database'

jest.setTimeout(60_000)

/** The stub database, persisted to a JSON file in its data dir on close (stands in for the real engine). */
const persistedStub: DatabaseFactory = async ({ dataDir }) => {
  const file = path.join(dataDir, 'stub.json')
  const db = createStubDatabase()
  if (existsSync(file)) await db.importSnapshot(JSON.parse(readFileSync(file, 'utf8')))
  return { ...db, close: async () => writeFileSync(file, JSON.stringify(db.exportSnapshot())) }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'xg-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('import, export and reset round-trip a snapshot', async () => {
  const snap = { collections: { users: [{ _id: 'u1', nickname: '张师傅' }, { _id: 'u2', nickname: '李小哥' }], places: [{ _id: 'p1', name: '驿站 A' }] } }
  const inFile = path.join(dir, 'in.json')
  const outFile = path.join(dir, 'out', 'snap.json')
  writeFileSync(inFile, JSON.stringify(snap))
  const data = path.join(dir, 'data')
  const log: string[] = []
  const deps = { database: persistedStub, log: (l: string) => log.push(l) }
  expect(await runCli(['import', '--data', data, '--in', inFile], deps)).toBe(0)
  expect(await runCli(['export', '--data', data, '--out', outFile], deps)).toBe(0)
  expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual(snap)
  expect(log.join('\n')).toContain('users: 2, places: 1')
  expect(await runCli(['reset', '--data', data], deps)).toBe(0)
  expect(await runCli(['export', '--data', data, '--out', outFile], deps)).toBe(0)
  expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual({ collections: {} })
})

test('start --import --personas serves the gateway with the given personas', async () => {
  const snapFile = path.join(dir, 'snap.json')
  writeFileSync(snapFile, JSON.stringify({ collections: { places: [{ _id: 'p1', name: '驿站 A' }] } }))
  const personasFile = path.join(dir, 'personas.json')
  writeFileSync(personasFile, JSON.stringify([{ openid: 'p-1', label: '演示一号' }]))
  let emu: RunningEmulator | undefined
  const code = await runCli(['start', '--port', '0', '--data', path.join(dir, 'data'), '--import', snapFile, '--personas', personasFile, '--quiet', '--no-prewarm'], {
    database: createStubDatabase(),
    log: () => undefined,
    onStarted: (e) => (emu = e),
  })
  expect(code).toBe(0)
  try {
    expect(await (await fetch(`${emu!.url}/__/auth/personas`)).json()).toEqual({ ok: true, personas: [{ openid: 'p-1', label: '演示一号' }] })
    expect(await (await fetch(`${emu!.url}/__/api/collections`, { headers: inspectorAuth(emu!) })).json()).toEqual({ ok: true, collections: [{ name: 'places', count: 1 }] })
  } finally {
    await emu!.stop()
  }
})

test('export/import round-trip with the real database service', async () => {
  const data = path.join(dir, 'real')
  const inFile = path.join(dir, 'in.json')
  const outFile = path.join(dir, 'out.json')
  const snap = { collections: { places: [{ _id: 'p1', name: '驿站 A', seats: 4 }] } }
  writeFileSync(inFile, JSON.stringify(snap))
  const log = () => undefined
  expect(await runCli(['import', '--data', data, '--in', inFile], { log })).toBe(0)
  expect(await runCli(['export', '--data', data, '--out', outFile], { log })).toBe(0)
  const out = JSON.parse(readFileSync(outFile, 'utf8')) as { collections: Record<string, unknown[]> }
  expect(out.collections.places).toHaveLength(1)
  expect(JSON.stringify(out.collections.places[0])).toContain('驿站 A')
})

test('bad arguments are reported', async () => {
  await expect(runCli(['export', '--data', dir], { database: persistedStub })).rejects.toThrow('--out is required')
  expect(await runCli(['frobnicate'], { log: () => undefined })).toBe(2)
})

/**
 * What `npm run emulator -- start` runs. The emulator forks its function instances right after it
 * printed its URL (prewarm), each fork blocking the event loop for 50–200 ms on a loaded machine.
 * Under the `tsx` CLI a stop signal goes to tsx, which relays it and SIGKILLs the child unless the
 * child acknowledges within 30 ms (exit 143, no clean stop): so the emulator runs under
 * `node --import tsx`, where the signal reaches its handler directly.
 */
const EMULATOR_COMMAND = [process.execPath, '--import', 'tsx', 'emulator/cli.ts']

test('`node --import tsx emulator/cli.ts start` prints the URL and the warning and stops cleanly on SIGTERM while its instances start', async () => {
  const root = path.join(__dirname, '..')
  const [cmd, ...args] = EMULATOR_COMMAND
  const child = spawn(cmd, [...args, 'start', '--port', '0', '--data', path.join(dir, 'data'), '--functions', FIXTURES], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000)
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
  })
  // while the instances of the prewarm are still starting
  await new Promise((r) => setTimeout(r, 50))
  child.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(out).toContain('NOT FOR PRODUCTION')
  expect(out).toContain('SIGTERM: stopping')
  await expect(fetch(`${url}/__/auth/personas`)).rejects.toThrow()
})

test('package.json runs the emulator the way this test does', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  expect(pkg.scripts.emulator).toBe('node --import tsx emulator/cli.ts')
})
