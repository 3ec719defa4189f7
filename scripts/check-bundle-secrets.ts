/**
 * No secret in the built front end (security-and-privacy.md item 13): scans dist/ (weapp) and
 * dist-h5/ (h5) for names and shapes of server-only secrets; and none in the committed deploy
 * settings (deploy/*.json, scripts/deploy/settings.ts), whose secrets belong in the credentials
 * file outside the repository. Exits non-zero on any hit.
 *
 *   npx tsx scripts/check-bundle-secrets.ts [dir …]
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { walk } from './lib/files'

const ROOT = resolve(__dirname, '..')

/** What must never reach a client bundle. Names are matched as words, case-sensitively where it matters. */
export const PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'pass/voucher signing key', re: /PASS_SIGNING_KEY|VOUCHER_SIGNING_KEY|SIGNING_KEY\s*[:=]/ },
  { name: 'PEM private key or certificate', re: /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----|-----BEGIN/ },
  { name: 'WeChat AppSecret', re: /AppSecret|APP_SECRET|appsecret\s*[:=]/i },
  { name: 'Tencent Cloud secret key', re: /TENCENTCLOUD_SECRET(KEY|ID)|TENCENTCLOUD_SESSIONTOKEN|SecretKey\s*[:=]\s*['"][A-Za-z0-9]{16,}/ },
  { name: 'wx-server-sdk in the client', re: /wx-server-sdk/ },
  { name: 'emulator admin token', re: /EMULATOR_ADMIN_TOKEN/ },
]

/** What the deploy settings must not hold either: the credentials file's fields and anything shaped like a key. */
export const SETTINGS_PATTERNS: { name: string; re: RegExp }[] = [
  ...PATTERNS,
  { name: 'a credentials field (belongs in the credentials file outside the repository)', re: /"(secretId|secretKey|privateKey|privateKeyPath|functionSecrets|token)"\s*:/i },
  { name: 'Tencent Cloud SecretId', re: /AKID[0-9A-Za-z]{10,}/ },
  { name: 'a function secret by name', re: /CHECKIN_CODE_SIGNING_KEY|_SIGNING_KEY/ },
  { name: 'a long random string (a key?)', re: /\b[0-9a-fA-F]{32,}\b|[A-Za-z0-9+/]{40,}={0,2}/ },
]

const TEXT = /\.(js|mjs|cjs|json|wxml|wxss|wxs|html|css|txt|map)$/i

export interface Finding {
  file: string
  pattern: string
  excerpt: string
}

export function scan(dirs: string[], patterns = PATTERNS): { scanned: number; findings: Finding[] } {
  const findings: Finding[] = []
  let scanned = 0
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      if (!TEXT.test(file) || statSync(file).size > 20 * 1024 * 1024) continue
      scanned++
      const text = readFileSync(file, 'utf8')
      for (const { name, re } of patterns) {
        const m = re.exec(text)
        if (m) {
          const at = m.index
          findings.push({ file: relative(ROOT, file), pattern: name, excerpt: text.slice(Math.max(0, at - 40), at + 60).replace(/\s+/g, ' ') })
        }
      }
    }
  }
  return { scanned, findings }
}

function main(): void {
  const args = process.argv.slice(2)
  const dirs = (args.length ? args : ['dist', 'dist-h5']).map((d) => resolve(ROOT, d))
  const present = dirs.filter((d) => existsSync(d))
  for (const d of dirs) if (!existsSync(d)) console.warn(`! ${relative(ROOT, d)}/ not found (not built?) — skipped`)
  if (!present.length) {
    console.error('✗ nothing to scan: build the weapp and h5 first')
    process.exit(2)
  }
  const built = scan(present)
  const settings = existsSync(join(ROOT, 'deploy')) ? scan([join(ROOT, 'deploy')], SETTINGS_PATTERNS) : { scanned: 0, findings: [] }
  const scanned = built.scanned + settings.scanned
  const findings = [...built.findings, ...settings.findings]
  if (findings.length) {
    for (const f of findings) console.error(`✗ ${f.file}: ${f.pattern} … ${f.excerpt}`)
    process.exit(1)
  }
  console.log(`✓ no secrets in ${scanned} files of ${[...present, ...(settings.scanned ? [join(ROOT, 'deploy')] : [])].map((d) => relative(ROOT, d) + '/').join(', ')}`)
}

if (require.main === module) main()
