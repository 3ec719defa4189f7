/**
 * What the long main-thread tasks of a saved Lighthouse trace are made of (`LIGHTHOUSE_SAVE=<dir>
 * LIGHTHOUSE_TRACE=1` of bench/lighthouse.bench.ts): each task over the threshold with its observed
 * length, and the JS samples in it attributed to the original source through the build's source
 * maps (an `XG_H5_SOURCEMAP=1` build of dist-h5 or LIGHTHOUSE_H5_ROOT): self time by function, and
 * inclusive time by app file (which component renders) and by package. Observed times grow with the
 * host's load; the shares within a task and the task count do not.
 *
 *   npx tsx bench/lighthouse-tasks.ts <dir>/服务地图-1.trace.json [min task ms, default 50]
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SourceMapConsumer, type RawSourceMap } from 'source-map'
import { ownerOf } from '../scripts/h5-bundle-sizes'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  args?: { name?: string; data?: Record<string, unknown> }
}
interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface ProfileNode {
  id: number
  parent?: number
  callFrame: CallFrame
}

const H5_ROOT = process.env.LIGHTHOUSE_H5_ROOT || join(__dirname, '..', 'dist-h5')
const consumers = new Map<string, SourceMapConsumer | null>()

/** the original position of a frame of the minified build: `src/pages/map/index.tsx:MapPage` */
function original(frame: CallFrame): { where: string; owner: string; name: string } {
  const file = /\/js\/[^/?#]+\.js/.exec(frame.url)?.[0]
  if (!file) return { where: frame.url ? frame.url.replace(/^https?:\/\/[^/]+/, '') : `(${frame.functionName || 'native'})`, owner: frame.url ? '(other)' : '(native)', name: frame.functionName }
  if (!consumers.has(file)) {
    const map = join(H5_ROOT, `${file}.map`)
    consumers.set(file, existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8')) as RawSourceMap) : null)
  }
  const c = consumers.get(file)
  const pos = c?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber })
  if (!pos?.source) return { where: `${file}:${frame.lineNumber + 1}:${frame.columnNumber}`, owner: file, name: frame.functionName }
  const source = pos.source.replace(/^webpack:\/\/[^/]*\//, '')
  return { where: `${source.replace(/^.*node_modules\//, '')}:${pos.line}`, owner: ownerOf(pos.source), name: pos.name || frame.functionName || '(anonymous)' }
}

export function longTasks(events: TraceEvent[], minMs = 50) {
  // the page's main thread: the renderer main thread with the most task time
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const busy = (pid: number, tid: number) => events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'RunTask').reduce((s, e) => s + (e.dur ?? 0), 0)
  const main = mains.map((m) => ({ pid: m.pid, tid: m.tid, busy: busy(m.pid, m.tid) })).sort((a, b) => b.busy - a.busy)[0]
  if (!main) throw new Error('no renderer main thread in the trace')
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid)?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts))
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && (e.dur ?? 0) >= minMs * 1000)

  // JS samples of the main thread (V8's profiler: one Profile, then ProfileChunks of nodes and samples)
  const nodes = new Map<number, ProfileNode>()
  const samples: { ts: number; node: number }[] = []
  const profiles = new Map<string, number>()
  for (const e of events.filter((x) => x.pid === main.pid && (x.name === 'Profile' || x.name === 'ProfileChunk'))) {
    const data = e.args?.data as { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined
    if (e.name === 'Profile') {
      if (e.tid === main.tid) profiles.set(e.id ?? '', data?.startTime ?? e.ts)
      continue
    }
    if (!profiles.has(e.id ?? '')) continue
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n)
    let t = profiles.get(e.id ?? '')!
    ;(data?.cpuProfile?.samples ?? []).forEach((s, i) => {
      t += data?.timeDeltas?.[i] ?? 0
      samples.push({ ts: t, node: s })
    })
    profiles.set(e.id ?? '', t)
  }

  const totalBusy = main.busy / 1000
  return {
    samples: samples.length,
    mainThreadBusyMs: Math.round(totalBusy),
    longTaskMs: Math.round(tasks.reduce((s, t) => s + (t.dur ?? 0), 0) / 1000),
    tasks: tasks.map((task) => {
      const inside = samples.filter((s) => s.ts >= task.ts && s.ts <= task.ts + (task.dur ?? 0))
      const self = new Map<string, number>()
      const byFile = new Map<string, number>()
      const byOwner = new Map<string, number>()
      const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
      for (const s of inside) {
        let n = nodes.get(s.node)
        if (!n) continue
        const top = original(n.callFrame)
        add(self, `${top.name} (${top.where})`)
        add(byOwner, top.owner)
        // inclusive: every app file on the stack, once per sample
        const files = new Set<string>()
        while (n) {
          const o = original(n.callFrame)
          if (/^(src|domain)\//.test(o.owner)) files.add(`${o.name} ${o.where.replace(/:\d+$/, '')}`)
          n = n.parent === undefined ? undefined : nodes.get(n.parent)
        }
        files.forEach((f) => add(byFile, f))
      }
      const share = (m: Map<string, number>, k = 8) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([name, n]) => `${Math.round((100 * n) / Math.max(1, inside.length))}% ${name}`)
      return {
        startMs: Math.round((task.ts - nav) / 1000),
        observedMs: Math.round((task.dur ?? 0) / 1000),
        samples: inside.length,
        selfByPackage: share(byOwner),
        selfByFunction: share(self, 12),
        inclusiveByAppFunction: share(byFile, 14),
      }
    }),
  }
}

if (require.main === module) {
  const [file, min] = process.argv.slice(2)
  if (!file) throw new Error('usage: npx tsx bench/lighthouse-tasks.ts <trace.json> [min ms]')
  const trace = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] }
  console.log(JSON.stringify(longTasks(trace.traceEvents, Number(min) || 50), null, 2))
}
