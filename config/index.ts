import path from 'node:path'
import { NormalModuleReplacementPlugin } from 'webpack'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { RoutePreloadPlugin } from './route-preload'
// the app's table (src/first-reads.ts); JSON, which the config loader reads as it is
import FIRST_READS from '../src/first-reads.json'

const ROOT = path.resolve(__dirname, '..')

/**
 * h5: Taro's components (the web components, their React wrappers, the Stencil runtime) are the same
 * ~110 KB in every page chunk — Taro's splitChunks groups only the initial chunks. One shared async
 * chunk instead, downloaded once and cached across pages. Swiper stays out of it: only the image
 * preview uses it, and that is loaded on tap (src/utils/previewImage.h5.ts).
 */
const TARO_COMPONENTS = /[\\/]node_modules[\\/](@tarojs[\\/]components|@stencil[\\/]core|hammerjs|classnames|resolve-pathname)[\\/]/
const SWIPER = /[\\/]node_modules[\\/](swiper[\\/]|@tarojs[\\/]components[\\/].*taro-swiper)/
interface Chain {
  optimization: { get(k: string): unknown; set(k: string, v: unknown): unknown }
  plugin(name: string): { use(plugin: unknown, args: unknown[]): unknown }
}

function h5Chain(chain: Chain): void {
  shareTaroComponents(chain)
  // Taro's component styles in a cascade layer, under the app's (src/h5/taro-components.css says why).
  // Replaced by the request Taro's platform plugin injects (a resolve alias did not take effect); the file's
  // own import of the stylesheet by its path does not match, so there is no loop.
  chain.plugin('taro-components-layer').use(NormalModuleReplacementPlugin, [/^@tarojs\/components-react\/dist\/index\.css$/, path.resolve(ROOT, 'src/h5/taro-components.css')])
  // Taro's tab bar defined after the first screen (src/h5/deferred-tabbar.ts says why): only the router's
  // import is replaced; the module's own import of the tab bar names its file
  chain.plugin('deferred-tabbar').use(NormalModuleReplacementPlugin, [
    /^@tarojs\/components\/dist\/components$/,
    (data: { context?: string; request: string }) => {
      if (/[\\/]@tarojs[\\/]router[\\/]/.test(data.context ?? '')) data.request = path.resolve(ROOT, 'src/h5/deferred-tabbar.ts')
    },
  ])
  chain.plugin('route-preload').use(RoutePreloadPlugin, ['pages/map/index', FIRST_READS, process.env.TARO_APP_API_BASE || ''])
}

function shareTaroComponents(chain: Chain): void {
  const split = (chain.optimization.get('splitChunks') ?? {}) as { cacheGroups?: Record<string, unknown> }
  chain.optimization.set('splitChunks', {
    ...split,
    cacheGroups: {
      ...split.cacheGroups,
      taroComponents: {
        name: 'taro-components',
        chunks: 'async',
        minChunks: 2,
        priority: 110,
        enforce: true,
        test: (module: { resource?: string }) => !!module.resource && TARO_COMPONENTS.test(module.resource) && !SWIPER.test(module.resource),
      },
    },
  })
}
const EMULATOR = `http://127.0.0.1:${process.env.EMULATOR_PORT || 8787}`

/**
 * Taro 4 build config (webpack5 runner, React, Sass).
 * - weapp → dist/ (project.config.json's miniprogramRoot), h5 → dist-h5/ (served by the emulator).
 * - `domain/` sits outside src/: aliased as `@domain` and listed in `compile.include` so Taro's
 *   babel pass compiles it like app code.
 */
export default defineConfig<'webpack5'>(async (merge, { command, mode }) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiaoge-station',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {},
    // Only TARO_APP_* values are public; they end up in the bundle. Never put secrets here.
    env: {
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV || ''),
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE || ''),
    },
    alias: {
      '@': path.resolve(ROOT, 'src'),
      '@domain': path.resolve(ROOT, 'domain'),
    },
    // weapp map marker icons are referenced by path (not imported), so they are copied as files
    copy: { patterns: isH5 ? [] : [{ from: 'src/assets/markers/', to: 'dist/assets/markers/' }], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Production weapp builds start cold: a cached one was seen keeping deleted rules in a
    // sub-package's shared .wxss (2026-12-02), and what we ship and measure must be the source.
    // h5 (npm start builds it every time) keeps the cache.
    // babel.config.js decides the output (h5's targets) and config/ the plugins: a change to either must
    // not reuse cached modules (a NormalModuleReplacementPlugin added here was hidden by the cache)
    cache: { enable: isH5 || process.env.NODE_ENV !== 'production', buildDependencies: { babel: [path.join(ROOT, 'babel.config.js')], config: [`${path.join(ROOT, 'config')}/`] } },
    sass: {},
    mini: {
      // Taro's babel (browserslist in package.json) compiles src/, domain/ and Taro itself; other
      // node_modules ship as published. zod ships ES2020 (`?.`, `??`, classes): compiled too, so that
      // every .js in dist/ is ES5 (project.config.json leaves DevTools' ES6→ES5 off; checked by
      // scripts/check-weapp-syntax.ts).
      compile: { include: [path.resolve(ROOT, 'domain'), (file: string) => /node_modules[\\/]zod[\\/]/.test(file)] },
      // Component styles are independent (BEM-scoped); their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Taro's React components (@tarojs/components-react: View is a div) instead of its Stencil web
      // components behind React wrappers. Every wrapped View was a class component whose mount set
      // each prop and class on a custom element and queued a Stencil render: on the map page that
      // was one main-thread task of 0.4–1.0 s (Lighthouse trace, bench/lighthouse-tasks.ts) and a
      // second of Stencil's renders. The unit tests (test/app/taro-components.ts) already render
      // these. Components it does not implement (Textarea, Switch, Map…) stay the Stencil ones.
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [path.resolve(ROOT, 'domain')] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: h5Chain,
      // XG_H5_SOURCEMAP=1: maps for bundle analysis (scripts/h5-bundle-sizes.ts), not referenced by the JS
      enableSourceMap: !!process.env.XG_H5_SOURCEMAP,
      sourceMapType: 'hidden-source-map',
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        // The emulator's h5 gateway answers the functions and the dev-only sign-in.
        proxy: [{ context: ['/fn', '/__'], target: EMULATOR, changeOrigin: false }],
      },
    },
  }
  void command
  void mode
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
