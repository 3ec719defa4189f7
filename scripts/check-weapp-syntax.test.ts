import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkSyntax, DEVTOOLS_SKIPS_OVER, readSettings, requiredLevel } from './check-weapp-syntax'

let dist: string
beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'xg-weapp-syntax-'))
  mkdirSync(join(dist, 'packages', 'rider', 'sub-common'), { recursive: true })
  writeFileSync(join(dist, 'app.js'), 'var a = function (x) { return x && x.b }; module.exports = a;')
})
afterEach(() => rmSync(dist, { recursive: true, force: true }))

const big = (code: string) => `${code}\n/*${'x'.repeat(DEVTOOLS_SKIPS_OVER)}*/`

describe('shipped JS at the syntax level project.config.json promises', () => {
  it('es6 off: ES5 passes, `?.` / `??` / const in a sub-package fail with the file and place', () => {
    writeFileSync(join(dist, 'packages', 'rider', 'sub-common', 'z.js'), 'var f = function (r) {\n  return r?.callee ?? 1 }')
    const { files, problems } = checkSyntax(dist, { es6: false, enhance: false })
    expect(files).toBe(2)
    expect(problems).toEqual([expect.objectContaining({ file: 'packages/rider/sub-common/z.js', line: 2, level: 5, excerpt: expect.stringContaining('r?.callee') })])
    writeFileSync(join(dist, 'packages', 'rider', 'sub-common', 'z.js'), 'const x = 1')
    expect(checkSyntax(dist, { es6: false, enhance: false }).problems).toHaveLength(1)
  })

  it('es6 on: DevTools compiles files up to 500 KB, so only bigger ones must be ES5', () => {
    writeFileSync(join(dist, 'small.js'), 'const f = (r) => r?.a ?? 1')
    expect(checkSyntax(dist, { es6: true, enhance: true }).problems).toEqual([])
    writeFileSync(join(dist, 'vendors.js'), big('const f = (r) => r?.a'))
    expect(checkSyntax(dist, { es6: true, enhance: true }).problems.map((p) => p.file)).toEqual(['vendors.js'])
    expect(requiredLevel({ es6: true, enhance: false }, DEVTOOLS_SKIPS_OVER)).toBe('latest')
    expect(requiredLevel({ es6: true, enhance: false }, DEVTOOLS_SKIPS_OVER + 1)).toBe(5)
  })

  it('broken JavaScript fails at any level', () => {
    writeFileSync(join(dist, 'small.js'), 'function (')
    expect(checkSyntax(dist, { es6: true, enhance: true }).problems).toHaveLength(1)
  })

  it("reads the repository's settings (es6 off: the build itself is ES5)", () => {
    expect(readSettings()).toEqual({ es6: false, enhance: false })
  })
})
