import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator, type EmulatorOptions, type Persona, type RunningEmulator } from '../index'
import { createStubDatabase } from './stub-database'

export const FIXTURES = path.join(__dirname, '..', 'functions', '__fixtures__')

export const TEST_PERSONAS: Persona[] = [
  { openid: 'test-rider', label: '测试骑手' },
  { openid: 'test-worker', label: '测试社区工作者' },
]

/** The header the inspector's JSON API (`/__/api/…`) wants: `{ authorization: 'Bearer <token>' }`. */
export const inspectorAuth = (emu: { inspectorToken: string }): Record<string, string> => ({ authorization: `Bearer ${emu.inspectorToken}` })

export interface FixtureEmulator {
  emu: RunningEmulator
  dataDir: string
  stop(): Promise<void>
}

/** An emulator on a random port over the fixture functions, a fresh data dir and the stub database. */
export async function startFixtureEmulator(opts: Partial<EmulatorOptions> = {}): Promise<FixtureEmulator> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xg-emu-'))
  const emu = await startEmulator({
    port: 0,
    dataDir,
    functionsRoot: FIXTURES,
    personas: TEST_PERSONAS,
    quiet: true,
    database: createStubDatabase(),
    ...opts,
  })
  return {
    emu,
    dataDir,
    async stop() {
      await emu.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
