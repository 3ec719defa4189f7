/**
 * Lint for the whole repository, run early by `npm test` (scripts/test.ts) with zero warnings allowed.
 * - typescript-eslint's `recommended` set, not `recommended-type-checked`: the type-aware rules build a
 *   TypeScript program for the whole tree (a second full typecheck on a 2-core machine), and `tsc` already
 *   runs as its own step; see README "Lint".
 * - react-hooks: a hook called conditionally is always a bug (error); a missing effect dependency is
 *   a stale closure unless said otherwise, so it is an error too and a deliberate omission carries an
 *   `eslint-disable-next-line` with its reason.
 * - Import boundaries (README "where does X go"): import-x's `no-restricted-paths` checks the resolved
 *   file, so `../../../mall/src/x` and `@/api` are caught however deep the importer sits; package names
 *   (`@tarojs/*`, `wx-server-sdk`, Node built-ins) are plain `no-restricted-imports`.
 * - Schemas are written with `zod/mini` only: classic zod's chainable API cannot be tree-shaken (~80 KB
 *   minified in every function bundle and every weapp package with a form; README "Cloud function
 *   bundles"), so `zod` itself is a restricted import everywhere, types included.
 * scripts/lint/boundaries.test.ts proves each rule reports.
 */
import { readdirSync } from 'node:fs'
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import globals from 'globals'

const root = import.meta.dirname
const functions = readdirSync(`${root}/cloudfunctions`, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

const nodeBuiltins = ['node:*', ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`])]

/** One `no-restricted-paths` zone: files under `target` may not import anything under `from`. */
const zone = (target, from, message, except) => ({ target: `./${target}`, from: from.map((f) => `./${f}`), message, ...(except ? { except } : {}) })

/**
 * `no-restricted-imports` settings do not merge across config objects (the last one matching a file
 * wins), so every object that sets the rule repeats these paths.
 */
const classicZod = ['zod', 'zod/v4', 'zod/v3', 'zod/v4/classic'].map((name) => ({
  name,
  message: "use 'zod/mini': classic zod is ~80 KB in every bundle; z.optional(s), s.check(z.maxLength(n), z.describe('标签'))",
}))

const zones = [
  ...functions.map((fn) =>
    zone(`cloudfunctions/${fn}`, ['cloudfunctions'], 'a cloud function never imports another: move shared code to server/ (or the rule to domain/)', [`./${fn}`]),
  ),
  zone('domain', ['src', 'server', 'cloudfunctions', 'emulator'], 'domain/ is the pure core: it imports only zod and other domain/ files'),
  zone('server', ['src', 'cloudfunctions'], 'server/ is shared by functions: it never imports the app or a function'),
  zone('src', ['server', 'cloudfunctions', 'emulator'], 'the app talks to functions only through src/api: never import server/, a function or the emulator'),
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-h5/',
      '.temp/',
      '.swc/',
      'coverage/',
      'artifacts/',
      '.emulator-data/',
      '.emulator-test/',
      'cloudfunctions/*/index.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters, rest siblings)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    rules: { 'no-restricted-imports': ['error', { paths: classicZod }] },
  },
  {
    // the conformance cases drive wx-server-sdk, which ships no types: its objects are `any` there
    files: ['emulator/conformance/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/**', 'domain/**', 'server/**', 'cloudfunctions/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  },
  {
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: classicZod,
          patterns: [
            { group: ['@tarojs/*', 'wx-server-sdk'], message: 'domain/ is platform-free: no Taro, no wx-server-sdk' },
            { group: nodeBuiltins, message: 'domain/ runs in the app too: no Node built-ins' },
          ],
        },
      ],
    },
  },
  {
    // domain's own tests run on Node only and read database/*.json to check the rules against it
    files: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: classicZod, patterns: [{ group: ['@tarojs/*', 'wx-server-sdk'], message: 'domain/ is platform-free: no Taro, no wx-server-sdk' }] },
      ],
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...classicZod, { name: 'wx-server-sdk', message: 'wx-server-sdk is server-only: the app calls functions through src/api' }] }],
    },
  },
  {
    // only the typed client and the upload util talk to the cloud (README "where does X go")
    files: ['src/**'],
    ignores: ['src/api/**', 'src/utils/upload.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Taro', property: 'cloud', message: 'call functions with call(fn, action, input) from src/api; upload with src/utils/upload.ts' },
        { object: 'wx', property: 'cloud', message: 'call functions with call(fn, action, input) from src/api; upload with src/utils/upload.ts' },
      ],
    },
  },
)
