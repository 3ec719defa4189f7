/**
 * `npm run deploy -- --against-emulator`, end to end and offline: a managed emulator plays a new
 * CloudBase environment. The plan for it creates everything the repository declares (listed here
 * from database/*.json and cloudfunctions/* themselves, so a new collection or function cannot be
 * forgotten); after apply a second plan is empty and the deployed functions answer with the
 * settings the deploy gave them; a changed index is one update; no secret reaches the output.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/index'
import { buildFunctions } from '../build-functions'
import { FUNCTION_SECRET_NAMES } from '../function-secrets'
import { deploy, doctor, ROOT } from './cli'

jest.setTimeout(180_000)

/** Every resource the repository declares, read straight from its files. */
function declaredResources(root: string): string[] {
  const out: string[] = []
  for (const f of readdirSync(join(root, 'database')).filter((f) => f.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(join(root, 'database', f), 'utf8')) as { name: string; indexes?: { name: string }[] }
    out.push(`collection ${c.name}`, `rules ${c.name}`, ...(c.indexes ?? []).map((ix) => `index ${c.name}.${ix.name}`))
  }
  const fnRoot = join(root, 'cloudfunctions')
  for (const name of readdirSync(fnRoot).filter((n) => existsSync(join(fnRoot, n, 'package.json')))) {
    const config = JSON.parse(readFileSync(join(fnRoot, name, 'config.json'), 'utf8')) as { triggers?: { name: string }[]; permissions?: { openapi?: string[] } }
    out.push(`function ${name}`, ...(config.triggers ?? []).map((t) => `trigger ${name}.${t.name}`))
    if (config.permissions?.openapi?.length) out.push(`openapi ${name}`)
  }
  const push = JSON.parse(readFileSync(join(fnRoot, 'message-push.json'), 'utf8')) as Record<string, string>
  for (const event of Object.keys(push).filter((k) => !k.startsWith('$'))) out.push(`message-push ${event}`)
  return out.sort()
}

const resourcesOf = (lines: string[], action: string) =>
  lines
    .map((l) => new RegExp(`^. ${action} +(\\S+ \\S+)`).exec(l)?.[1])
    .filter((r): r is string => !!r)
    .sort()

describe('npm run deploy -- --against-emulator', () => {
  let dataDir: string
  let out: string[]
  const run = (cmd: typeof deploy, argv: string[], root = ROOT) => cmd(['--against-emulator', '--data-dir', dataDir, '--no-build', ...argv], { root, out: (l) => out.push(l) })

  beforeAll(async () => {
    if (readdirSync(join(ROOT, 'cloudfunctions')).some((n) => existsSync(join(ROOT, 'cloudfunctions', n, 'package.json')) && !existsSync(join(ROOT, 'cloudfunctions', n, 'index.js')))) await buildFunctions()
  })
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'deploy-target-'))
    out = []
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('plans every declared resource as a create on a new environment; after apply a second plan is empty and the functions run as configured', async () => {
    expect(await run(deploy, ['--plan'])).toBe(0)
    const declared = declaredResources(ROOT)
    expect(declared.length).toBeGreaterThan(50)
    const created = resourcesOf(out, 'create')
    expect(declared.filter((r) => !created.includes(r))).toEqual([])
    // every function with a secret or a template gets its variables: the secrets its bundle reads
    expect(created).toEqual(expect.arrayContaining(['env identity', 'env mall', 'env merchant', 'env user', 'env volunteer']))
    expect(out.at(-1)).toMatch(/^Plan: \d+ to create, 0 to update/)

    out = []
    expect(await run(deploy, ['--yes'])).toBe(0)
    expect(out).toContainEqual(expect.stringMatching(/^✓ the local emulator \(.+\) matches the repository$/))

    out = []
    expect(await run(deploy, ['--plan'])).toBe(0)
    expect(out.filter((l) => /^[+~!] /.test(l))).toEqual([])
    expect(out.at(-1)).toMatch(/^Plan: 0 to create, 0 to update, \d+ unchanged\.$/)

    out = []
    expect(await run(doctor, [])).toBe(0)
    expect(out.at(-1)).toMatch(/^✓ everything the repository declares is there/)

    // what was deployed runs: user.settings announces the templates of deploy/local-dev.json
    const emu = await startEmulator({ port: 0, dataDir, managed: true, quiet: true })
    try {
      const { result } = await emu.functions.invoke('user', { action: 'settings', input: {} }, { openid: 'o-deploy-check' })
      expect(result).toMatchObject({ ok: true, data: { subscriptions: { identityReview: 'identity-review-result', pointsExpiry: 'points-expiry-reminder' } } })
      expect(emu.timers.list().map((t) => `${t.functionName}.${t.name}`).sort()).toEqual(['merchant.migratePlaceIds', 'points.daily', 'suggestions.resendMessages', 'user.privacyDaily', 'volunteer.remindTomorrow', 'workbench.rollup'])
    } finally {
      await emu.stop()
    }
  })

  it('a changed index is one update, applied by dropping and re-creating it; then the plan is empty again', async () => {
    // a copy of the repository whose ledger index changes (the rest linked)
    const root = mkdtempSync(join(tmpdir(), 'deploy-root-'))
    try {
      for (const entry of ['cloudfunctions', 'deploy', 'package.json']) symlinkSync(join(ROOT, entry), join(root, entry))
      cpSync(join(ROOT, 'database'), join(root, 'database'), { recursive: true })
      expect(await run(deploy, ['--yes'], root)).toBe(0)

      const file = join(root, 'database', 'ledger.json')
      const spec = JSON.parse(readFileSync(file, 'utf8')) as { indexes: { name: string; keys: Record<string, number> }[] }
      const ix = spec.indexes[1]
      ix.keys = Object.fromEntries(Object.entries(ix.keys).map(([k, d]) => [k, -d]))
      writeFileSync(file, JSON.stringify(spec))

      out = []
      expect(await run(deploy, ['--plan'], root)).toBe(0)
      expect(out.filter((l) => /^[+~] /.test(l))).toEqual([expect.stringMatching(new RegExp(`^~ update +index ledger\\.${ix.name} `))])
      expect(out.at(-1)).toMatch(/^Plan: 0 to create, 1 to update/)

      out = []
      expect(await run(doctor, [], root)).toBe(1)
      expect(out).toContain('different:')

      out = []
      expect(await run(deploy, ['--yes'], root)).toBe(0)
      expect(out).toContain(`✓ update index ledger.${ix.name}`)
      out = []
      expect(await run(deploy, ['--plan'], root)).toBe(0)
      expect(out.at(-1)).toMatch(/^Plan: 0 to create, 0 to update/)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('never prints a secret: plans, apply and doctor show masks, while the functions do get the values', async () => {
    expect(await run(deploy, ['--plan', '--verbose'])).toBe(0)
    expect(await run(deploy, ['--yes', '--verbose'])).toBe(0)
    // a secret changed by hand in the environment: the plan shows that it differs, not the values
    const cfgFile = join(dataDir, 'deployed', 'cloudfunctions', 'identity', 'config.json')
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8')) as { envVariables: Record<string, string> }
    const { functionSecrets } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { functionSecrets: Record<string, string> }
    expect(cfg.envVariables.PASS_SIGNING_KEY).toBe(functionSecrets.PASS_SIGNING_KEY)
    const tampered = 'f'.repeat(64)
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, envVariables: { ...cfg.envVariables, PASS_SIGNING_KEY: tampered } }))
    expect(await run(doctor, [])).toBe(1)
    expect(await run(deploy, ['--plan', '--verbose'])).toBe(0)
    expect(out).toContain('~ update    env identity  ~ PASS_SIGNING_KEY=•••••• → ••••••')

    const text = out.join('\n')
    const secrets = [...Object.values(functionSecrets), tampered]
    expect(secrets).toHaveLength(FUNCTION_SECRET_NAMES.length + 1)
    for (const s of secrets) {
      expect(text).not.toContain(s)
      expect(text).not.toContain(s.slice(0, 16))
    }
  })
})
