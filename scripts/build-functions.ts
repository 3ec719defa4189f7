/**
 * Bundles each cloud function's `src/index.ts` (with domain/ and server/ inlined) into
 * `cloudfunctions/<name>/index.js`: CommonJS for CloudBase's Node runtime, wx-server-sdk left
 * external because each function installs it from its own package.json when deployed.
 *
 *   npx tsx scripts/build-functions.ts            build all
 *   npx tsx scripts/build-functions.ts --watch    rebuild on change
 */
import { build, context, type BuildOptions, type Plugin } from 'esbuild'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FUNCTIONS_TARGET } from './deploy-runtime'

export const ROOT = resolve(__dirname, '..')
export const FUNCTIONS_ROOT = join(ROOT, 'cloudfunctions')

export function functionNames(root = FUNCTIONS_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

/** The function's timeout in seconds from its config.json (CloudBase's default: 3). */
export function functionTimeout(name: string, root = FUNCTIONS_ROOT): number {
  const file = join(root, name, 'config.json')
  const timeout = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { timeout?: unknown }).timeout : undefined
  return typeof timeout === 'number' && timeout > 0 ? timeout : 3
}

/**
 * `domain/contract.ts` joins every function's contract so the app's client and the router are typed
 * from one object; at run time the router needs only its own function's schemas. Each bundle gets a
 * stand-in `contract` holding just that function's, so no function ships the others' zod schemas.
 */
const ownContractOnly = (name: string): Plugin => ({
  name: 'own-contract-only',
  setup(b) {
    const contractFile = join(ROOT, 'domain', 'contract.ts')
    b.onResolve({ filter: /(^|\/)contract$/ }, (args) => (resolve(args.resolveDir, `${args.path}.ts`) === contractFile ? { path: contractFile, namespace: 'own-contract' } : undefined))
    b.onLoad({ filter: /.*/, namespace: 'own-contract' }, () => ({
      contents: `import { ${name}Contract } from './${name}/contract'\nexport const contract = { ${name}: ${name}Contract }\n`,
      resolveDir: join(ROOT, 'domain'),
      loader: 'ts',
    }))
  },
})

export const optionsFor = (name: string): BuildOptions => ({
  entryPoints: [join(FUNCTIONS_ROOT, name, 'src', 'index.ts')],
  outfile: join(FUNCTIONS_ROOT, name, 'index.js'),
  bundle: true,
  platform: 'node',
  // the runtime deployers choose (scripts/deploy-runtime.ts); npm test runs the bundles on it
  target: FUNCTIONS_TARGET,
  format: 'cjs',
  external: ['wx-server-sdk'],
  // prefer ESM entry points so unused parts of libraries (e.g. zod's locales) are tree-shaken
  mainFields: ['module', 'main'],
  // Minified. Safe because nothing reads our names or the bundle's text as written: errors are told
  // apart by `instanceof` and `code`, never by `name`; deploy reads `env:"X"` with or without spaces
  // (scripts/deploy/desired.test.ts). The crash-retry failure once blamed on minification was a
  // transaction outliving its 1 s test lifetime on a loaded machine (server/tx.test.ts › outlives).
  minify: true,
  // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): Node reads sources as UTF-8
  charset: 'utf8',
  // the map stays beside the bundle (deploy uploads index.js only): `node --enable-source-maps`
  // locally, or the map with a minified stack from CloudBase's log
  sourcemap: 'linked',
  plugins: [ownContractOnly(name)],
  logLevel: 'warning',
  legalComments: 'none',
  // server/tx.ts sizes its retry budget to the function's own timeout
  define: { __FUNCTION_TIMEOUT_S__: String(functionTimeout(name)) },
})

export async function buildFunctions(names = functionNames()): Promise<string[]> {
  await Promise.all(names.map((name) => build(optionsFor(name))))
  return names
}

async function cli(): Promise<void> {
  const names = functionNames()
  if (process.argv.includes('--watch')) {
    for (const name of names) await (await context(optionsFor(name))).watch()
    console.log(`watching cloud functions: ${names.join(', ')}`)
    return
  }
  const started = Date.now()
  await buildFunctions(names)
  console.log(`built ${names.length} cloud function(s) in ${Date.now() - started} ms: ${names.join(', ')}`)
}

if (require.main === module) {
  cli().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
