/**
 * The host-independent figures of saved Lighthouse reports (`LIGHTHOUSE_SAVE=<dir>` of
 * bench/lighthouse.bench.ts), to compare two builds on a busy machine where LCP and TBT are
 * inflated: what the LCP element is and what it waited for, the longest critical request chain
 * (requests, KB), the JS downloaded and parsed, and the main-thread work (ms, scaled by the host:
 * read it with benchmarkIndex).
 *
 *   npx tsx bench/lighthouse-summary.ts /tmp/lh-before /tmp/lh-after
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Chain {
  request: { url: string; transferSize?: number }
  children?: Record<string, Chain>
}
interface Lhr {
  environment?: { benchmarkIndex?: number }
  audits: Record<string, { numericValue?: number; details?: Record<string, unknown> } | undefined>
}

const kb = (b: number) => Math.round(b / 102.4) / 10
const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').slice(0, 48)

/** the longest path through the critical chains, as its requests' short urls */
function longestPath(chains: Record<string, Chain> | undefined): Chain['request'][] {
  let best: Chain['request'][] = []
  const walk = (c: Chain, path: Chain['request'][]) => {
    const here = [...path, c.request]
    const kids = Object.values(c.children ?? {})
    if (!kids.length && here.length > best.length) best = here
    kids.forEach((k) => walk(k, here))
  }
  Object.values(chains ?? {}).forEach((c) => walk(c, []))
  return best
}

export function summarize(lhr: Lhr) {
  const a = (id: string) => lhr.audits[id]
  const lcpEl = a('largest-contentful-paint-element')?.details as { items?: { items?: Record<string, unknown>[] }[] } | undefined
  const node = lcpEl?.items?.[0]?.items?.[0]?.node as { snippet?: string; nodeLabel?: string } | undefined
  const phases = (lcpEl?.items?.[1]?.items ?? []).map((p) => `${p.phase} ${Math.round(Number(p.timing))}`).join(', ')
  const requests = ((a('network-requests')?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []) as {
    url: string
    resourceType?: string
    transferSize?: number
    resourceSize?: number
  }[]
  const scripts = requests.filter((r) => r.resourceType === 'Script')
  const chain = longestPath((a('critical-request-chains')?.details as { chains?: Record<string, Chain> } | undefined)?.chains)
  return {
    benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? NaN),
    'LCP s': Math.round(a('largest-contentful-paint')?.numericValue ?? NaN) / 1000,
    'TBT ms': Math.round(a('total-blocking-time')?.numericValue ?? NaN),
    CLS: Math.round((a('cumulative-layout-shift')?.numericValue ?? NaN) * 1000) / 1000,
    'LCP element': `${node?.nodeLabel ?? '?'}`.slice(0, 40),
    'LCP phases ms': phases,
    'chain (requests)': chain.length,
    chain: chain.map((r) => short(r.url)).join(' → '),
    'chain KB': kb(chain.reduce((s, r) => s + (r.transferSize ?? 0), 0)),
    requests: requests.length,
    'JS KB transfer': kb(scripts.reduce((s, r) => s + (r.transferSize ?? 0), 0)),
    'JS KB parsed': kb(scripts.reduce((s, r) => s + (r.resourceSize ?? 0), 0)),
    'bootup ms': Math.round(a('bootup-time')?.numericValue ?? NaN),
    'main thread ms': Math.round(a('mainthread-work-breakdown')?.numericValue ?? NaN),
  }
}

if (require.main === module) {
  for (const dir of process.argv.slice(2)) {
    console.log(dir)
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.trace.json')).sort()) {
      const s = summarize(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Lhr)
      console.log(`  ${f}`)
      for (const [k, v] of Object.entries(s)) console.log(`    ${k}: ${v}`)
    }
  }
}
