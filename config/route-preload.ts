import type { Compiler } from 'webpack'

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
 * h5: the page's own chunks (its code, Taro's components, its CSS) are asked for at once with
 * index.html, not after app.js has downloaded and run and the router has picked the page — one
 * round trip and app.js's evaluation off the first paint. index.html gets a small inline script
 * mapping each page to its chunk files; it reads the hash route and adds `<link rel=preload>`s.
 * webpack's own loading then finds the files in the browser's preload cache.
 */
export class RoutePreloadPlugin {
  constructor(private readonly entry: string) {}

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
        compilation.updateAsset('index.html', new sources.RawSource(text.replace('</head>', `${preloadScript(routes, publicPath, this.entry)}</head>`)))
      })
    })
  }
}
