/**
 * WeChat's own compilers over the production weapp build: every `.wxss` of dist/ through `wcsc`
 * (the style compiler) and every `.wxml` (with the `.wxs` modules) through `wcc` (the template
 * compiler). They are the binaries of the `miniprogram-compiler` package — the ones
 * miniprogram-simulate runs — invoked with the arguments that package uses
 * (node_modules/miniprogram-compiler/src/wcsc.js and wcc.js). DevTools refuses to open a build
 * these reject ("WXSS 文件编译错误"), so a failure names the built file and the source
 * `.scss`/`.tsx` it came from. Exits non-zero on any error.
 *
 *   NODE_ENV=production npx taro build --type weapp && npx tsx scripts/check-weapp-compile.ts [distDir]
 */
import { spawnSync } from 'node:child_process'
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { compile as compileSass } from 'sass'
import { posixRelative, walk } from './lib/files'

const ROOT = resolve(__dirname, '..')
const COMPILER_PACKAGE = join(ROOT, 'node_modules', 'miniprogram-compiler')

export interface CompileError {
  /** built file, relative to the dist dir */
  file: string
  line?: number
  column?: number
  message: string
  /** the CSS rule or template text at the error, when it can be read */
  excerpt?: string
  /** sources it came from, relative to the project root (best effort) */
  sources: string[]
}

/**
 * Path of an executable `wcc`/`wcsc`. npm unpacks them without the executable bit (the package
 * chmods them on first use), and node_modules may be hard-linked between checkouts, so a chmod in
 * place would change every checkout's copy: an executable copy goes to node_modules/.cache instead.
 */
export function compilerPath(name: 'wcc' | 'wcsc'): string {
  const dir = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform as string]
  const shipped = dir && join(COMPILER_PACKAGE, 'bin', dir, process.platform === 'win32' ? `${name}.exe` : name)
  if (!shipped || !existsSync(shipped) || (process.platform === 'linux' && process.arch !== 'x64')) {
    throw new Error(`miniprogram-compiler has no ${name} for ${process.platform}-${process.arch} (it ships linux-x64, mac and windows binaries)`)
  }
  try {
    accessSync(shipped, constants.X_OK)
    return shipped
  } catch {
    const version = (JSON.parse(readFileSync(join(COMPILER_PACKAGE, 'package.json'), 'utf8')) as { version: string }).version
    const copy = join(ROOT, 'node_modules', '.cache', `miniprogram-compiler-${version}`, name)
    if (!existsSync(copy)) {
      mkdirSync(dirname(copy), { recursive: true })
      copyFileSync(shipped, copy)
    }
    chmodSync(copy, 0o755)
    return copy
  }
}

/** A page or component has a same-named .json; wcsc takes their stylesheets first (`-pc <count>`). */
const hasJson = (distDir: string, file: string) => existsSync(join(distDir, file.replace(/\.\w+$/, '.json')))

/** `ERR: a.wxss(2:6): error at token `*`` and `path `./c.wxss` not found from `b.wxss`.` lines. */
export function parseWcscErrors(stderr: string): Omit<CompileError, 'sources'>[] {
  const errors: Omit<CompileError, 'sources'>[] = []
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/^ERR:\s*/, '').trim()
    const at = /^(.+?\.wxss)\((\d+):(\d+)\):\s*(.+)$/.exec(line)
    if (at) errors.push({ file: at[1], line: Number(at[2]), column: Number(at[3]), message: at[4] })
    const missing = /^path `(.+)` not found from `(.+)`\.?$/.exec(line)
    if (missing) errors.push({ file: missing[2], message: `@import "${missing[1]}" not found` })
  }
  return errors
}

/** wcc stops at the first error: `a.wxml:3:8: unexpected end`. */
export function parseWccError(stderr: string): Omit<CompileError, 'sources'> | undefined {
  const m = /^(.+?\.wxml):(\d+):(\d+):\s*(.+)$/m.exec(stderr.trim())
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]), message: m[4] } : undefined
}

function run(bin: string, args: string[], cwd: string): { status: number; stderr: string } {
  const res = spawnSync(bin, args, { cwd, maxBuffer: 64 * 1024 * 1024 })
  if (res.error) throw res.error
  return { status: res.status ?? 1, stderr: res.stderr.toString('utf8') }
}

/** All stylesheets in one wcsc run, as miniprogram-compiler does (imports resolve among the files given). */
function compileWxss(distDir: string, files: string[]): Omit<CompileError, 'sources'>[] {
  const pages = files.filter((f) => hasJson(distDir, f))
  const others = files.filter((f) => !hasJson(distDir, f))
  const { status, stderr } = run(compilerPath('wcsc'), ['-db', '-pc', String(pages.length), ...pages, ...others], distDir)
  if (status === 0) return []
  const errors = parseWcscErrors(stderr)
  return errors.length ? errors : [{ file: '(all .wxss)', message: `wcsc exited with ${status}: ${stderr.trim() || 'no message'}` }]
}

/** `-cc` argument: the custom components each page/component uses (miniprogram-compiler's getComponentArgs). */
function componentArgs(distDir: string, files: string[]): string {
  const parts: (string | number)[] = []
  let count = 0
  for (const file of files) {
    const json = join(distDir, file.replace(/\.wxml$/, '.json'))
    if (!existsSync(json)) continue
    const using = (JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents
    if (!using) continue
    parts.push(file, Object.keys(using).length, ...Object.keys(using))
    count++
  }
  return [count, ...parts].join(' ')
}

/** Every template in one wcc run; wcc stops at the first error, so a failing file is set aside and the rest compiled again. */
function compileWxml(distDir: string, files: string[], wxs: string[]): Omit<CompileError, 'sources'>[] {
  const errors: Omit<CompileError, 'sources'>[] = []
  let remaining = [...files]
  while (remaining.length) {
    const { status, stderr } = run(compilerPath('wcc'), ['-d', '-cc', componentArgs(distDir, remaining), ...remaining, ...wxs, '-gn', '$gwx'], distDir)
    if (status === 0) break
    const error = parseWccError(stderr)
    if (!error || !remaining.includes(error.file)) {
      errors.push(error ?? { file: '(all .wxml)', message: `wcc exited with ${status}: ${stderr.trim() || 'no message'}` })
      break
    }
    errors.push(error)
    remaining = remaining.filter((f) => f !== error.file)
  }
  return errors
}

/** The CSS rule's selector at a wcsc error position (1-based line and column). */
export function selectorAt(css: string, line: number, column: number): string | undefined {
  const lines = css.split('\n')
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1
  if (offset < 0 || offset > css.length) return undefined
  const start = Math.max(css.lastIndexOf('}', offset), css.lastIndexOf(';', offset), css.lastIndexOf('{', offset - 1)) + 1
  const end = css.indexOf('{', offset)
  if (end < 0) return undefined
  const list = css.slice(start, end)
  // the selector of the list (`a,b`) that holds the error position
  let from = start
  for (const part of list.split(',')) {
    if (offset <= from + part.length) return part.trim()
    from += part.length + 1
  }
  return list.trim()
}

/** Whitespace-insensitive form of a selector (minifiers drop or keep the spaces around combinators). */
export const normaliseSelector = (s: string): string =>
  s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*([>+~,{}])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()

/** Compiled CSS of every .scss under `srcDir`, keyed by path relative to `projectRoot` (compiled once, on the first error). */
function compiledStyles(srcDir: string, projectRoot: string): Map<string, string> {
  const out = new Map<string, string>()
  if (!existsSync(srcDir)) return out
  for (const file of walk(srcDir).filter((f) => /\.s?css$/.test(f))) {
    try {
      out.set(posixRelative(projectRoot, file), normaliseSelector(compileSass(file, { loadPaths: [srcDir] }).css))
    } catch {
      // a partial that does not compile on its own: its rules also appear in the files that use it
    }
  }
  return out
}

/** Maps a built file (and the rule at the error) back to the sources it came from. */
export function sourcesOf(error: Omit<CompileError, 'sources'>, projectRoot: string, styles: () => Map<string, string>): string[] {
  const src = 'src'
  if (error.file.endsWith('.wxss')) {
    const selector = error.excerpt && normaliseSelector(error.excerpt)
    if (selector) {
      // the whole selector, between rule boundaries (not `.x .a` for `.a`)
      const holds = (css: string) => ['}', '{', ','].some((before) => ['{', ','].some((after) => `}${css}`.includes(`${before}${selector}${after}`)))
      const hits = [...styles()].filter(([, css]) => holds(css)).map(([file]) => file)
      if (hits.length) return hits
    }
    const own = error.file === 'app.wxss' || error.file === 'app-origin.wxss' ? `${src}/app.scss` : `${src}/${error.file.replace(/\.wxss$/, '.scss')}`
    return existsSync(join(projectRoot, own)) ? [own] : []
  }
  if (error.file.endsWith('.wxml')) {
    const page = `${src}/${error.file.replace(/\.wxml$/, '.tsx')}`
    return existsSync(join(projectRoot, page)) ? [page] : []
  }
  return []
}

export interface CompileReport {
  wxss: number
  wxml: number
  wxs: number
  errors: CompileError[]
}

export function checkWeappCompile(distDir = join(ROOT, 'dist'), projectRoot = ROOT): CompileReport {
  if (!existsSync(join(distDir, 'app.json'))) throw new Error(`${distDir}/app.json not found: build the weapp first (NODE_ENV=production npx taro build --type weapp)`)
  const files = walk(distDir).map((f) => posixRelative(distDir, f))
  const wxss = files.filter((f) => f.endsWith('.wxss'))
  const wxml = files.filter((f) => f.endsWith('.wxml'))
  const wxs = files.filter((f) => f.endsWith('.wxs'))
  let styles: Map<string, string> | undefined
  const lazyStyles = () => (styles ??= compiledStyles(join(projectRoot, 'src'), projectRoot))
  const errors = [...compileWxss(distDir, wxss), ...compileWxml(distDir, wxml, wxs)].map((e) => {
    const path = join(distDir, e.file)
    let excerpt: string | undefined
    if (e.line && e.column && existsSync(path)) {
      const text = readFileSync(path, 'utf8')
      excerpt = e.file.endsWith('.wxss') ? selectorAt(text, e.line, e.column) : text.split('\n')[e.line - 1]?.trim().slice(0, 160)
    }
    const withExcerpt = { ...e, excerpt }
    return { ...withExcerpt, sources: sourcesOf(withExcerpt, projectRoot, lazyStyles) }
  })
  return { wxss: wxss.length, wxml: wxml.length, wxs: wxs.length, errors }
}

function main(): void {
  const distDir = process.argv[2] ? resolve(process.argv[2]) : undefined
  let report: CompileReport
  try {
    report = checkWeappCompile(distDir)
  } catch (err) {
    console.error(`✗ ${(err as Error).message}`)
    process.exit(2)
  }
  for (const e of report.errors) {
    const where = e.line ? `${e.file}:${e.line}:${e.column}` : e.file
    console.error(`✗ ${e.file.endsWith('.wxml') ? 'wcc' : 'wcsc'}: ${where}: ${e.message}`)
    if (e.excerpt) console.error(`    at: ${e.excerpt}`)
    console.error(`    from: ${e.sources.length ? e.sources.join(', ') : 'generated by Taro (no single source file)'}`)
  }
  if (report.errors.length) process.exit(1)
  console.log(`✓ WeChat's compilers accept the build: wcsc ${report.wxss} .wxss, wcc ${report.wxml} .wxml + ${report.wxs} .wxs`)
}

if (require.main === module) main()
