/**
 * Builds the conformance function (esbuild, wx-server-sdk external as in production) and starts an
 * emulator with the real database service over it.
 */
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, startEmulator, type EmulatorOptions, type RunningEmulator } from '../index'

/* Inside the repository's node_modules, so the bundle's `require('wx-server-sdk')` resolves. */
export const CONFORMANCE_FUNCTIONS = join(ROOT, 'node_modules', '.cache', 'xg-conformance', 'functions')
export const FUNCTION_NAME = 'conformance'

export async function buildConformanceFunction(): Promise<string> {
  const out = join(CONFORMANCE_FUNCTIONS, FUNCTION_NAME)
  mkdirSync(out, { recursive: true })
  await build({
    entryPoints: [join(__dirname, 'function', 'index.ts')],
    outfile: join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
  })
  copyFileSync(join(__dirname, 'function', 'config.json'), join(out, 'config.json'))
  return CONFORMANCE_FUNCTIONS
}

export interface CaseAnswer {
  ok: boolean
  result?: unknown
  failure?: { message: string; code?: string; errCode?: number; errMsg?: string }
}

export interface ConformanceEmulator {
  emu: RunningEmulator
  run(caseId: string): Promise<CaseAnswer>
  stop(): Promise<void>
}

export async function startConformanceEmulator(opts: Partial<EmulatorOptions> = {}): Promise<ConformanceEmulator> {
  const functionsRoot = await buildConformanceFunction()
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-conformance-'))
  const emu = await startEmulator({
    port: 0,
    dataDir,
    functionsRoot,
    schemaDir: join(__dirname, 'schema'),
    personas: [{ openid: 'conformance', label: 'conformance' }],
    quiet: true,
    messagePush: {},
    ...opts,
  })
  return {
    emu,
    async run(caseId) {
      const { result } = await emu.functions.invoke(FUNCTION_NAME, { case: caseId }, { openid: 'conformance' })
      return result as CaseAnswer
    },
    async stop() {
      await emu.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
