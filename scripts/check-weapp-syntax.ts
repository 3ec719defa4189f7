/**
 * The JavaScript of the weapp build is at the syntax level project.config.json promises.
 *
 * WeChat DevTools' "将 JS 代码编译成 ES5" (`setting.es6`; `setting.enhance` is the babel-7 variant,
 * merged into it since DevTools 1.05.2106091) runs babel preset-env for {chrome: 53, ios: 8} over
 * the package at preview/upload — https://developers.weixin.qq.com/miniprogram/dev/devtools/codecompile.html —
 * but skips files over 500 KB ("以下文件体积超过500KB，已跳过压缩以及ES6转ES5的处理"). So:
 * - `es6: false` (ours: Taro's own babel already compiles to package.json's browserslist, and
 *   Taro's docs advise turning DevTools' conversion off, http://taro-docs.jd.com/taro/docs/before-dev-remind/):
 *   every .js must parse as ES5;
 * - `es6: true`: files over 500 KB must still parse as ES5, the others need only parse.
 * A file that does not parse as promised throws a SyntaxError on old clients (iOS WeChat before
 * `?.`/`??` support) and the whole package fails to load.
 *
 *   NODE_ENV=production npx taro build --type weapp && npx tsx scripts/check-weapp-syntax.ts [distDir]
 */
import { parse, type ecmaVersion } from 'acorn'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { posixRelative, walk } from './lib/files'

const ROOT = resolve(__dirname, '..')
/** DevTools leaves files over this size untouched (its upload notice). */
export const DEVTOOLS_SKIPS_OVER = 500 * 1024

export interface SyntaxSettings {
  es6: boolean
  enhance: boolean
}

export function readSettings(projectConfig = join(ROOT, 'project.config.json')): SyntaxSettings {
  const setting = (JSON.parse(readFileSync(projectConfig, 'utf8')) as { setting?: Partial<SyntaxSettings> }).setting ?? {}
  return { es6: setting.es6 === true, enhance: setting.enhance === true }
}

/** The syntax a shipped file must parse as, given the settings and its size. */
export function requiredLevel(settings: SyntaxSettings, bytes: number): ecmaVersion {
  return settings.es6 && bytes <= DEVTOOLS_SKIPS_OVER ? 'latest' : 5
}

export interface SyntaxProblem {
  file: string
  bytes: number
  level: ecmaVersion
  line: number
  column: number
  message: string
  excerpt: string
}

export function checkSyntax(distDir: string, settings: SyntaxSettings): { files: number; problems: SyntaxProblem[] } {
  const files = walk(distDir).filter((f) => f.endsWith('.js'))
  const problems: SyntaxProblem[] = []
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const bytes = statSync(file).size
    const level = requiredLevel(settings, bytes)
    try {
      parse(text, { ecmaVersion: level, sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true })
    } catch (err) {
      const e = err as SyntaxError & { pos?: number; loc?: { line: number; column: number } }
      const pos = e.pos ?? 0
      problems.push({
        file: posixRelative(distDir, file),
        bytes,
        level,
        line: e.loc?.line ?? 0,
        column: (e.loc?.column ?? 0) + 1,
        message: e.message.replace(/\s*\(\d+:\d+\)$/, ''),
        excerpt: text.slice(Math.max(0, pos - 60), pos + 40).replace(/\s+/g, ' '),
      })
    }
  }
  return { files: files.length, problems }
}

function main(): void {
  const distDir = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist')
  if (!existsSync(join(distDir, 'app.json'))) {
    console.error(`✗ ${distDir}/app.json not found: build the weapp first (NODE_ENV=production npx taro build --type weapp)`)
    process.exit(2)
  }
  const settings = readSettings()
  const { files, problems } = checkSyntax(distDir, settings)
  const promise = settings.es6 ? `es6: true (DevTools compiles files ≤ 500 KB; larger ones must be ES5)` : 'es6: false (every file must be ES5)'
  for (const p of problems) {
    console.error(`✗ ${p.file}:${p.line}:${p.column} (${(p.bytes / 1024).toFixed(1)} KB) is not ${p.level === 5 ? 'ES5' : 'valid JavaScript'}: ${p.message}`)
    console.error(`    near: …${p.excerpt}…`)
  }
  if (problems.length) {
    console.error(`project.config.json has ${promise}. Compile the package that ships this code with Taro's babel (config/index.ts mini.compile.include).`)
    process.exit(1)
  }
  console.log(`✓ ${files} .js files of the weapp build parse as promised by project.config.json (${promise})`)
}

if (require.main === module) main()
