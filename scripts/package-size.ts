/**
 * weapp package sizes against the performance budget (shared/design/performance-budget.md):
 * main package = every file of dist/ outside the subpackage roots listed in dist/app.json; each
 * subpackage = the files under its root. Main: goal ≤ 1.0 MB, hard 2 MB; subpackage: goal ≤ 600 KB,
 * hard 2 MB. Exits non-zero over a hard limit. Measure a production build:
 *
 *   NODE_ENV=production npx taro build --type weapp && npx tsx scripts/package-size.ts
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { BenchResult } from '../bench/types'
import { posixRelative, walk } from './lib/files'

const KB = 1024
const MB = 1024 * KB
export const LIMITS = {
  main: { goal: 1 * MB, hard: 2 * MB },
  sub: { goal: 600 * KB, hard: 2 * MB },
} as const

/** Files the WeChat uploader leaves out of the package. */
const NOT_UPLOADED = [/\.LICENSE\.txt$/, /\.map$/, /^project(\.private)?\.config\.json$/]

export interface PackageSizes {
  main: number
  subpackages: { root: string; bytes: number }[]
  /** images over 100 KB (goal: none) */
  bigImages: { file: string; bytes: number }[]
}

export function measure(distDir = resolve(__dirname, '..', 'dist')): PackageSizes {
  const appJson = join(distDir, 'app.json')
  if (!existsSync(appJson)) throw new Error(`${appJson} not found: build the weapp first (NODE_ENV=production npx taro build --type weapp)`)
  const app = JSON.parse(readFileSync(appJson, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''))
  const subBytes = new Map(roots.map((r) => [r, 0]))
  let main = 0
  const bigImages: PackageSizes['bigImages'] = []
  for (const file of walk(distDir)) {
    const rel = posixRelative(distDir, file)
    if (NOT_UPLOADED.some((re) => re.test(rel))) continue
    const bytes = statSync(file).size
    if (/\.(png|jpe?g|gif|webp|svg)$/i.test(rel) && bytes > 100 * KB) bigImages.push({ file: rel, bytes })
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
    if (root) subBytes.set(root, (subBytes.get(root) ?? 0) + bytes)
    else main += bytes
  }
  return { main, subpackages: roots.map((root) => ({ root, bytes: subBytes.get(root) ?? 0 })), bigImages }
}

const fmt = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`)

export async function run(distDir?: string): Promise<BenchResult[]> {
  const sizes = measure(distDir)
  const results: BenchResult[] = [
    {
      name: 'weapp main package',
      value: Math.round((sizes.main / KB) * 10) / 10,
      unit: 'KB',
      budget: 'goal ≤ 1.0 MB, hard ≤ 2 MB',
      ok: sizes.main <= LIMITS.main.goal,
    },
    ...sizes.subpackages.map((s) => ({
      name: `weapp subpackage ${s.root}`,
      value: Math.round((s.bytes / KB) * 10) / 10,
      unit: 'KB',
      budget: 'goal ≤ 600 KB, hard ≤ 2 MB',
      ok: s.bytes <= LIMITS.sub.goal,
    })),
    { name: 'weapp images over 100 KB', value: sizes.bigImages.length, unit: 'files', budget: 'goal: none', ok: sizes.bigImages.length === 0 },
  ]
  return results
}

/** Over a hard limit? (the CI gate) */
export function overHardLimit(sizes: PackageSizes): string[] {
  const over: string[] = []
  if (sizes.main > LIMITS.main.hard) over.push(`main package ${fmt(sizes.main)} > ${fmt(LIMITS.main.hard)}`)
  for (const s of sizes.subpackages) if (s.bytes > LIMITS.sub.hard) over.push(`subpackage ${s.root} ${fmt(s.bytes)} > ${fmt(LIMITS.sub.hard)}`)
  return over
}

function main(): void {
  const distDir = process.argv[2] ? resolve(process.argv[2]) : undefined
  let sizes: PackageSizes
  try {
    sizes = measure(distDir)
  } catch (err) {
    console.error((err as Error).message)
    process.exit(2)
  }
  const mark = (bytes: number, goal: number, hard: number) => (bytes > hard ? '✗ over the hard limit' : bytes > goal ? '! over our goal' : '✓')
  console.log(`main package             ${fmt(sizes.main).padStart(10)}   goal ≤ 1.0 MB, hard ≤ 2 MB   ${mark(sizes.main, LIMITS.main.goal, LIMITS.main.hard)}`)
  for (const s of sizes.subpackages)
    console.log(`subpackage ${s.root.padEnd(14)}${fmt(s.bytes).padStart(10)}   goal ≤ 600 KB, hard ≤ 2 MB   ${mark(s.bytes, LIMITS.sub.goal, LIMITS.sub.hard)}`)
  const total = sizes.main + sizes.subpackages.reduce((n, s) => n + s.bytes, 0)
  console.log(`total                    ${fmt(total).padStart(10)}`)
  for (const img of sizes.bigImages) console.log(`! image over 100 KB: ${img.file} (${fmt(img.bytes)})`)
  const over = overHardLimit(sizes)
  if (over.length) {
    console.error(`✗ ${over.join('; ')}`)
    process.exit(1)
  }
}

if (require.main === module) main()
