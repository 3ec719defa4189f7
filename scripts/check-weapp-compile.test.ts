import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { checkWeappCompile, normaliseSelector, parseWccError, parseWcscErrors, selectorAt } from './check-weapp-compile'

/** A project with a src/ and a small weapp build in dist/, written from `files` (path → text). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'xg-weapp-compile-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const base = {
  'dist/app.json': JSON.stringify({ pages: ['pages/a/index'], subPackages: [{ root: 'packages/m', pages: ['item/index'] }] }),
  'dist/app.wxss': '@import "./common.wxss";\n.page{color:#333}',
  'dist/common.wxss': '.card{padding:20rpx}',
  'dist/pages/a/index.json': JSON.stringify({ usingComponents: { comp: '../../comp' } }),
  'dist/pages/a/index.wxml': '<import src="../../base.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />',
  'dist/pages/a/index.wxss': '.a{margin:0}',
  'dist/base.wxml': '<template name="taro_tmpl"><view>{{root.x}}</view></template>',
  'dist/comp.json': JSON.stringify({ component: true, usingComponents: { comp: './comp' } }),
  'dist/comp.wxml': '<import src="./base.wxml"/>\n<template is="taro_tmpl" data="{{root:i}}" />',
  'dist/packages/m/item/index.json': JSON.stringify({ usingComponents: { comp: '../../../comp' } }),
  'dist/packages/m/item/index.wxml': '<import src="../../../base.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />',
  'dist/packages/m/item/index.wxss': '@import "../sub-common/f00.wxss";\n.m-item{color:red}',
  'dist/packages/m/sub-common/f00.wxss': '.item-form__row{display:flex}',
  'dist/utils.wxs': 'module.exports = { a: function (x) { return x } }',
  'src/components/ItemForm/index.scss': '.item-form__row { display: flex; }\n.item-form__row .form-field { flex: 1; }\n',
  'src/packages/m/m.scss': '.m-form {\n  &__row { display: flex; }\n}\n',
  'src/pages/a/index.tsx': 'export default function A() { return null }\n',
}

const roots: string[] = []
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))
const check = (overrides: Record<string, string>) => {
  const root = project({ ...base, ...overrides })
  roots.push(root)
  return checkWeappCompile(join(root, 'dist'), root)
}

describe('WeChat compilers over a weapp build (the real wcsc/wcc)', () => {
  it('accepts a clean build', () => {
    expect(check({})).toEqual({ wxss: 5, wxml: 4, wxs: 1, errors: [] })
  })

  it('rejects a universal selector in a generated sub-package stylesheet and names the .scss it came from', () => {
    const report = check({
      'dist/packages/m/sub-common/f00.wxss': '.item-form__row{display:flex}.item-form__row > *{flex:1}',
      'dist/packages/m/sub-vendors.wxss': '.x{color:red}.m-form__row>*{flex:1}',
      'src/components/ItemForm/index.scss': '.item-form__row { display: flex; }\n.item-form__row > * { flex: 1; }\n',
      'src/packages/m/m.scss': '.m-form {\n  &__row { display: flex; }\n  &__row > * { flex: 1; }\n}\n',
    })
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'packages/m/sub-common/f00.wxss', message: 'error at token `*`', excerpt: '.item-form__row > *', sources: ['src/components/ItemForm/index.scss'] }),
        expect.objectContaining({ file: 'packages/m/sub-vendors.wxss', excerpt: '.m-form__row>*', sources: ['src/packages/m/m.scss'] }),
      ]),
    )
    expect(report.errors).toHaveLength(2)
  })

  it('rejects a broken template, keeps compiling the others, and names the page source', () => {
    const report = check({
      'dist/pages/a/index.wxml': '<view>\n<text>{{a</text>\n</view>',
      'dist/packages/m/item/index.wxml': '<view wx:for="{{x}}"><view></view>',
    })
    const byFile = new Map(report.errors.map((e) => [e.file, e]))
    expect([...byFile.keys()].sort()).toEqual(['packages/m/item/index.wxml', 'pages/a/index.wxml'])
    expect(byFile.get('pages/a/index.wxml')).toMatchObject({ line: 3, message: expect.stringContaining('unexpected end'), sources: ['src/pages/a/index.tsx'] })
    expect(byFile.get('packages/m/item/index.wxml')).toMatchObject({ message: expect.stringContaining('end tag missing'), sources: [] })
  })

  it('reports an @import of a file the build does not have', () => {
    const report = check({ 'dist/packages/m/item/index.wxss': '@import "../sub-common/gone.wxss";\n.m-item{color:red}' })
    expect(report.errors).toEqual([expect.objectContaining({ file: 'packages/m/item/index.wxss', message: '@import "../sub-common/gone.wxss" not found' })])
  })
})

describe('parsing the compilers’ messages', () => {
  it('wcsc: positions and missing imports', () => {
    const stderr = 'ERR: a.wxss(2:6): error at token `*`\npath `./c.wxss` not found from `b.wxss`.\n\nerror file count: 0\n'
    expect(parseWcscErrors(stderr)).toEqual([
      { file: 'a.wxss', line: 2, column: 6, message: 'error at token `*`' },
      { file: 'b.wxss', message: '@import "./c.wxss" not found' },
    ])
  })
  it('wcc: the first error', () => {
    expect(parseWccError('b.wxml:1:1: end tag missing, near `view`\n')).toEqual({ file: 'b.wxml', line: 1, column: 1, message: 'end tag missing, near `view`' })
  })
  it('the selector at an error position, in a list and after an @import', () => {
    const css = '@import "x.wxss";\n.a{color:red}.b,.c > *,.d{flex:1}'
    expect(selectorAt(css, 2, css.split('\n')[1].indexOf('*') + 1)).toBe('.c > *')
    expect(normaliseSelector('.c  >  *')).toBe('.c>*')
  })
})
