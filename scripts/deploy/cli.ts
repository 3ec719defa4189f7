/**
 * `npm run deploy` and `npm run doctor`: one command from a clone to a running CloudBase
 * environment, with a plan to read first.
 *
 *   npm run deploy -- --env <env-id> [--plan] [--yes] [--verbose] [--version 1.2.0] [--desc "…"] [--no-build]
 *   npm run deploy -- --against-emulator [--data-dir .emulator-data/deploy-target] [--plan] [--yes]
 *   npm run doctor -- --env <env-id> | --against-emulator
 *
 * deploy: build the functions → read the repository (desired.ts) and the environment (a provider)
 * → print the plan → apply it after confirmation (`--yes` for CI, which has no stdin) → plan again
 * to prove nothing is left → upload the mini-program (miniprogram.ts).
 * doctor: the same comparison, read-only, as a list of what is missing or different; exit 1 if any.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { startEmulator, type RunningEmulator } from '../../emulator/index'
import { credentialsFile, loadCredentials, redact, secretValues, type Credentials } from './credentials'
import { readDesiredState } from './desired'
import { uploadMiniProgram } from './miniprogram'
import type { Provider } from './model'
import { applyPlan, changes, formatPlan, makePlan, type PlanItem } from './plan'
import { CloudBaseProvider } from './providers/cloudbase'
import { EmulatorProvider } from './providers/emulator'
import { readSettings, settingsFile } from './settings'

export const ROOT = resolve(__dirname, '..', '..')
export const DEFAULT_EMULATOR_TARGET = '.emulator-data/deploy-target'

export interface CliDeps {
  root?: string
  env?: NodeJS.ProcessEnv
  /** every line printed (already redacted) */
  out?: (line: string) => void
  /** asks before applying; default: a y/N question on a terminal, refused without one */
  confirm?: (question: string) => Promise<boolean>
  /** the CloudBase provider (tests give one over a recorded manager-node) */
  connect?: (envId: string, credentials: Credentials) => Promise<Provider>
  /** builds the function bundles (default scripts/build-functions.ts) */
  build?: () => Promise<void>
  /** the mini-program step (default miniprogram.ts; tests record it) */
  upload?: typeof uploadMiniProgram
}

const USAGE = `usage:
  npm run deploy -- --env <env-id> [--plan] [--yes] [--verbose] [--version x.y.z] [--desc "…"] [--no-build]
  npm run deploy -- --against-emulator [--data-dir ${DEFAULT_EMULATOR_TARGET}] [--plan] [--yes] [--verbose]
  npm run doctor -- --env <env-id> | --against-emulator [--data-dir …]`

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      plan: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'against-emulator': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      version: { type: 'string' },
      desc: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  return values
}

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new Error('no terminal to confirm on: read the plan, then run again with --yes')
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

async function defaultBuild(): Promise<void> {
  const { buildFunctions } = await import('../build-functions')
  await buildFunctions()
}

interface Session {
  provider: Provider
  credentials: Credentials
  envId: string
  emulator?: RunningEmulator
  log: (line: string) => void
}

/** Everything both commands need: the target, its credentials, a printer that can't print a secret. */
async function open(cmd: 'deploy' | 'doctor', flags: ReturnType<typeof parse>, deps: CliDeps): Promise<Session> {
  const root = deps.root ?? ROOT
  const env = deps.env ?? process.env
  const out = deps.out ?? ((line: string) => console.log(line))
  if (flags['against-emulator']) {
    const dataDir = resolve(root, flags['data-dir'] ?? DEFAULT_EMULATOR_TARGET)
    // the emulator target's credentials live in its own data directory (ignored by git)
    const credentials = loadCredentials(join(dataDir, 'credentials.json'), undefined)
    const secrets = secretValues(credentials)
    const log = (line: string) => out(redact(line, secrets))
    const emulator = await startEmulator({ port: 0, dataDir, managed: true, quiet: true, envId: flags.env ?? 'local-dev' })
    return { provider: new EmulatorProvider(emulator.manager!, relative(root, dataDir) || dataDir), credentials, envId: emulator.envId, emulator, log }
  }
  const envId = flags.env
  if (!envId) throw new Error(`${cmd} needs --env <env-id> (or --against-emulator)\n${USAGE}`)
  const credentials = loadCredentials(credentialsFile(envId, env), root, env)
  const secrets = secretValues(credentials)
  const log = (line: string) => out(redact(line, secrets))
  if (!credentials.secretId || !credentials.secretKey)
    throw new Error(
      `no Tencent Cloud API key for ${envId}: put "secretId" and "secretKey" (访问管理 → API密钥管理, https://console.cloud.tencent.com/cam/capi) ` +
        `into ${credentials.file}, or set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY`,
    )
  const provider = await (deps.connect ?? ((id, c) => CloudBaseProvider.connect(id, c.secretId!, c.secretKey!)))(envId, credentials)
  return { provider, credentials, envId, log }
}

async function planFor(s: Session, root: string): Promise<{ plan: PlanItem[]; unconfigured: string[] }> {
  const settings = readSettings(settingsFile(root, s.envId))
  const { state, unconfiguredMessages } = readDesiredState({ root, settings, functionSecrets: s.credentials.functionSecrets })
  const current = await s.provider.read()
  return { plan: makePlan(state, current, s.provider), unconfigured: unconfiguredMessages }
}

export async function deploy(argv: string[], deps: CliDeps = {}): Promise<number> {
  const flags = parse(argv)
  if (flags.help) {
    ;(deps.out ?? console.log)(USAGE)
    return 0
  }
  const root = deps.root ?? ROOT
  if (!flags['no-build']) await (deps.build ?? defaultBuild)()
  const s = await open('deploy', flags, deps)
  try {
    s.log(`Deploy plan for ${s.provider.description}:`)
    const { plan, unconfigured } = await planFor(s, root)
    for (const line of formatPlan(plan, { verbose: flags.verbose })) s.log(line)
    if (unconfigured.length) s.log(`note: subscribe messages without a template in deploy/${s.envId}.json are not sent: ${unconfigured.join(', ')}`)
    const todo = changes(plan)
    const settings = readSettings(settingsFile(root, s.envId))
    const upload = () => {
      if (s.emulator) return true
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
      const version = flags.version ?? pkg.version
      const sha = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim()
      return (deps.upload ?? uploadMiniProgram)({ root, envId: s.envId, appId: settings.appId, privateKeyPath: s.credentials.privateKeyPath, version, description: flags.desc ?? `deploy ${sha || version}` }, s.log, flags.plan)
    }
    if (flags.plan) {
      upload()
      return 0
    }
    if (todo.length) {
      const ok = flags.yes || (await (deps.confirm ?? askOnTerminal)(`Apply ${todo.length} change(s) to ${s.provider.description}?`))
      if (!ok) {
        s.log('Nothing applied.')
        return 1
      }
      await applyPlan(plan, s.provider, s.log)
      const after = await planFor(s, root)
      const left = changes(after.plan)
      if (left.length) {
        for (const line of formatPlan(left)) s.log(line)
        s.log('✗ the environment still differs from the repository after applying (above)')
        return 1
      }
      s.log(`✓ ${s.provider.description} matches the repository`)
    } else s.log('Nothing to change.')
    const manual = plan.filter((i) => i.action === 'manual')
    if (manual.length) s.log(`${manual.length} step(s) above only the console or WeChat DevTools can do (!): do them once by hand; npm run doctor lists them again.`)
    return upload() ? 0 : 1
  } finally {
    await s.emulator?.stop()
  }
}

export async function doctor(argv: string[], deps: CliDeps = {}): Promise<number> {
  const flags = parse(argv)
  const root = deps.root ?? ROOT
  if (!flags['no-build']) await (deps.build ?? defaultBuild)()
  const s = await open('doctor', flags, deps)
  try {
    const { plan, unconfigured } = await planFor(s, root)
    const missing = plan.filter((i) => i.action === 'create')
    const different = plan.filter((i) => i.action === 'update')
    const manual = plan.filter((i) => i.action === 'manual')
    const extra = plan.filter((i) => i.action === 'extra')
    s.log(`Doctor: ${s.provider.description} against the repository`)
    const section = (title: string, items: PlanItem[]) => {
      if (!items.length) return
      s.log(title)
      for (const i of items) s.log(`  - ${i.resource}${i.details.length ? `: ${i.details.join('; ')}` : ''}`)
    }
    section('missing (the repository declares it, the environment lacks it):', missing)
    section('different:', different)
    section('cannot be checked from here — check by hand:', manual)
    section('in the environment, not in the repository (left alone):', extra)
    if (unconfigured.length) s.log(`subscribe messages not configured in deploy/${s.envId}.json (not sent): ${unconfigured.join(', ')}`)
    const bad = missing.length + different.length
    s.log(bad ? `✗ ${bad} problem(s): npm run deploy -- ${s.emulator ? '--against-emulator' : `--env ${s.envId}`} fixes them` : `✓ everything the repository declares is there (${plan.filter((i) => i.action === 'unchanged').length} resources)`)
    return bad ? 1 : 0
  } finally {
    await s.emulator?.stop()
  }
}

if (require.main === module) {
  const [cmd, ...argv] = process.argv.slice(2)
  const run = cmd === 'doctor' ? doctor : cmd === 'deploy' ? deploy : undefined
  if (!run) {
    console.error(USAGE)
    process.exit(2)
  }
  run(argv).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`✗ ${err.message}`)
      process.exit(1)
    },
  )
}
