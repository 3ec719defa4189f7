/**
 * The secret scan of `npm test` over the deploy settings (deploy/*.json): the committed files pass;
 * a credentials field, a Tencent Cloud SecretId, a function secret or a key-shaped value fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { scan, SETTINGS_PATTERNS } from './check-bundle-secrets'

const ROOT = resolve(__dirname, '..')

describe('secret scan of the deploy settings', () => {
  it('passes the committed deploy/*.json', () => {
    const r = scan([join(ROOT, 'deploy')], SETTINGS_PATTERNS)
    expect(r.scanned).toBeGreaterThan(0)
    expect(r.findings).toEqual([])
  })

  it.each([
    ['a secretKey field', { appId: 'wx0123456789abcdef', secretKey: 'x' }],
    ['a SecretId', { $comment: 'key AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE' }],
    ['a function secret', { subscribeMessages: {}, PASS_SIGNING_KEY: 'x' }],
    ['a 64-hex value', { subscribeMessages: { X: { templateId: 'ab'.repeat(32), fields: 'a=thing1' } } }],
  ])('fails on %s', (_what, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-scan-'))
    try {
      writeFileSync(join(dir, 'env-1.json'), JSON.stringify(content))
      expect(scan([dir], SETTINGS_PATTERNS).findings.length).toBeGreaterThan(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
