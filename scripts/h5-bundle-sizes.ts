/**
 * What each h5 chunk is made of: minified bytes by source package (node_modules/<pkg>) or app
 * folder (src/<dir>, domain/<dir>), read from the build's source maps. For deciding what to split
 * out of the first load.
 *
 *   XG_H5_SOURCEMAP=1 NODE_ENV=production npx taro build --type h5 && npx tsx scripts/h5-bundle-sizes.ts [chunk-name-prefix…]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SourceMapConsumer, type RawSourceMap } from 'source-map'

const DIR = join(__dirname, '..', 'dist-h5', 'js')

/** a source path as its package or app folder */
export function ownerOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  const m = /(?:^|\/)(src|domain)\/((?:[^/]+\/)?[^/]+)/.exec(source.replace(/^webpack:\/\/[^/]*\//, ''))
  return m ? `${m[1]}/${m[2].split('/').slice(0, m[1] === 'src' ? 2 : 1).join('/')}` : source.replace(/^webpack:\/\/[^/]*\//, '').slice(0, 60)
}

/** bytes of the generated file attributed to each owner (unmapped bytes under "(webpack)") */
export function composition(js: string, map: RawSourceMap): Map<string, number> {
  const lines = js.split('\n')
  const sizes = new Map<string, number>()
  const add = (k: string, n: number) => sizes.set(k, (sizes.get(k) ?? 0) + n)
  const consumer = new SourceMapConsumer(map)
  const byLine = new Map<number, { col: number; source: string | null }[]>()
  consumer.eachMapping((m) => {
    const arr = byLine.get(m.generatedLine) ?? []
    arr.push({ col: m.generatedColumn, source: m.source })
    byLine.set(m.generatedLine, arr)
  })
  lines.forEach((line, i) => {
    const segs = (byLine.get(i + 1) ?? []).sort((a, b) => a.col - b.col)
    if (!segs.length) return add('(webpack)', line.length + 1)
    add('(webpack)', segs[0].col)
    segs.forEach((s, j) => add(s.source ? ownerOf(s.source) : '(webpack)', (j + 1 < segs.length ? segs[j + 1].col : line.length + 1) - s.col))
  })
  return sizes
}

if (require.main === module) {
  const only = process.argv.slice(2)
  const files = readdirSync(DIR).filter((f) => f.endsWith('.js') && existsSync(join(DIR, `${f}.map`)) && (!only.length || only.some((p) => f.startsWith(p))))
  for (const f of files.sort()) {
    const js = readFileSync(join(DIR, f), 'utf8')
    const sizes = composition(js, JSON.parse(readFileSync(join(DIR, `${f}.map`), 'utf8')) as RawSourceMap)
    const top = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 14)
    console.log(`${f} ${Math.round(js.length / 1024)} KB: ${top.map(([k, v]) => `${k} ${Math.round(v / 102.4) / 10}`).join(', ')}`)
  }
}
