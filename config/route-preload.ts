import type { Compiler } from 'webpack'
import type { FirstRead } from '../src/first-reads'

/**
 * The privacy notice's question, as src/privacy/notice.ts asks it at launch (its test checks that the
 * gate takes index.html's answer: asked once). Here, not imported: Taro's config loader compiles
 * config/ only.
 */
export const NOTICE_QUESTION = { fn: 'user', action: 'consentStatus', input: {} } as const

/** the page path of an async chunk group's import (Taro's h5 router imports each page's index) */
export function pageOf(request: string | undefined): string | null {
  const m = /(?:^|[\\/!])((?:pages|packages)[\\/][^?!]*?[\\/]index)(?:\.[jt]sx?)?(?:\?|$)/.exec(request ?? '')
  return m ? m[1].replace(/\\/g, '/') : null
}

/** the inline script: preloads the chunks of the page in the hash (the entry page without one) */
export function preloadScript(routes: Record<string, string[]>, publicPath: string, entry: string): string {
  return `<script>!function(){var m=${JSON.stringify(routes)},p=${JSON.stringify(publicPath)},r=location.hash.replace(/^#\\/?/,"").split("?")[0]||${JSON.stringify(entry)},f=m[r]||[];for(var i=0;i<f.length;i++){var l=document.createElement("link");l.rel="preload";l.as=/\\.css$/.test(f[i])?"style":"script";l.href=p+f[i];document.head.appendChild(l)}}()</script>`
}

/**
 * The inline script that starts the opened page's first reads while app.js downloads: each `fetch`
 * is kept in `window.__xgEarly` under the key `call` asks by, with the request id it was sent with;
 * `call` takes it (src/api/call.ts). Same request as src/api/call.ts sends.
 * - public reads (`beforeNotice`) leave at once;
 * - a page with personal reads (积分, 微事我言, 积分商城) also starts the privacy notice's own question,
 *   `user.consentStatus` (taken by the app's gate, src/privacy/notice.ts), and its personal reads
 *   leave beside it marked `ifConsented`, as the app's own calls do before that answer is in: the
 *   server answers them only if the caller has accepted the current notice, and refuses them
 *   (NOTICE_REQUIRED) before reading or creating anything otherwise; `call` then holds the read at
 *   the gate until the notice is accepted, and asks again.
 */
export function earlyReadsScript(reads: Record<string, FirstRead[]>, apiBase: string, entry: string): string {
  const table = Object.fromEntries(
    Object.entries(reads)
      .map(([page, list]) => [page, list.map(({ fn, action, input, fromQuery, beforeNotice }) => ({ fn, action, input, fromQuery, ...(beforeNotice ? {} : { afterNotice: 1 }) }))] as const)
      .filter(([, list]) => list.length),
  )
  return (
    `<script>!function(){var R=${JSON.stringify(table)},N=${JSON.stringify(NOTICE_QUESTION)},B=${JSON.stringify(apiBase.replace(/\/$/, ''))},` +
    `h=location.hash.replace(/^#\\/?/,""),i=h.indexOf("?"),p=(i<0?h:h.slice(0,i))||${JSON.stringify(entry)},q={},w=window.__xgEarly={},asked;` +
    'if(!R[p]||typeof fetch!="function")return;' +
    'new URLSearchParams(i<0?"":h.slice(i+1)).forEach(function(v,k){q[k]=v});' +
    // one read, the request `call` would send, kept under call's key
    'function keep(r,n,guard){var id="r-"+Date.now().toString(36)+"-"+("000000"+Math.floor(Math.random()*4294967296).toString(36)).slice(-7),b={action:r.action,input:n,requestId:id},a;if(guard)b.ifConsented=true;' +
    'a=fetch(B+"/fn/"+encodeURIComponent(r.fn),{method:"POST",credentials:"include",headers:{"Content-Type":"application/json",Accept:"application/json"},body:JSON.stringify(b)}).then(function(x){return x.json()});' +
    'a.catch(function(){});w[r.fn+"."+r.action+":"+JSON.stringify(n)]={at:Date.now(),requestId:id,answer:a}}' +
    'R[p].forEach(function(r){var n=Object.assign({},r.input),f;for(f in r.fromQuery||{}){if(!q[r.fromQuery[f]])return;n[f]=q[r.fromQuery[f]]}' +
    // the notice's question, asked once, for the app's gate
    'if(r.afterNotice&&!asked){asked=1;keep(N,N.input)}' +
    'keep(r,n,r.afterNotice)})}()</script>'
  )
}

/**
 * `scripts` into the head before its first stylesheet or external script. A classic inline script
 * after a `<link rel=stylesheet>` waits until that stylesheet has loaded (the HTML spec's
 * script-blocking style sheets): at the end of the head, the early reads and the page's preloads
 * left only once app.css had arrived — a round trip later on a slow network.
 */
export function insertBeforeResources(html: string, scripts: string): string {
  const head = html.indexOf('</head>')
  const first = html.slice(0, head < 0 ? html.length : head).search(/<link\b[^>]*\brel=["']?stylesheet|<script\b[^>]*\bsrc=/i)
  if (first >= 0) return html.slice(0, first) + scripts + html.slice(first)
  return head >= 0 ? html.slice(0, head) + scripts + html.slice(head) : html + scripts
}

/**
 * h5: the page's own chunks (its code, Taro's components, its CSS) are asked for at once with
 * index.html, not after app.js has downloaded and run and the router has picked the page — one
 * round trip and app.js's evaluation off the first paint. index.html gets a small inline script
 * mapping each page to its chunk files; it reads the hash route and adds `<link rel=preload>`s.
 * webpack's own loading then finds the files in the browser's preload cache.
 */
export class RoutePreloadPlugin {
  constructor(
    private readonly entry: string,
    /** the pages' first reads: index.html starts them (earlyReadsScript) */
    private readonly reads: Record<string, FirstRead[]> = {},
    private readonly apiBase = '',
  ) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('RoutePreloadPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'RoutePreloadPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const html = compilation.getAsset('index.html')
        if (!html) return
        const routes: Record<string, string[]> = {}
        for (const group of compilation.chunkGroups) {
          if (group.isInitial()) continue
          const page = group.origins.map((o) => pageOf(o.request)).find(Boolean)
          if (!page) continue
          const files = new Set(routes[page] ?? [])
          for (const chunk of group.chunks) for (const f of chunk.files) if (/\.(js|css)$/.test(f)) files.add(f)
          routes[page] = [...files].sort()
        }
        if (!Object.keys(routes).length) throw new Error('RoutePreloadPlugin: no page chunks found (has Taro changed how its router imports pages?)')
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const text = html.source.source().toString()
        const scripts = earlyReadsScript(this.reads, this.apiBase, this.entry) + preloadScript(routes, publicPath, this.entry)
        compilation.updateAsset('index.html', new sources.RawSource(insertBeforeResources(text, scripts)))
      })
    })
  }
}
