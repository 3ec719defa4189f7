/**
 * The lint step of `npm test` (eslint.config.mjs) really fails: each import boundary, a hooks
 * violation and a typescript-eslint error are reported on small in-memory files placed where the rule
 * applies; a clean file of each layer passes. Imports name real files, so resolution is the real one.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

interface Message {
  ruleId: string | null
  line: number
  message: string
}
interface Source {
  filePath: string
  code: string
}

const root = join(__dirname, '..', '..')

let results: Map<string, Message[]>

/** All cases in one ESLint process: loading the config and the resolver once keeps this test quick. */
function lintAll(sources: Source[]): Map<string, Message[]> {
  const res = spawnSync(process.execPath, [join(__dirname, 'lint-texts.mjs')], { cwd: root, input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  if (res.status !== 0) throw new Error(`lint-texts.mjs failed (${res.status}): ${res.stderr}`)
  const out = JSON.parse(res.stdout) as { filePath: string; messages: Message[] }[]
  return new Map(out.map((r) => [r.filePath, r.messages]))
}

/** Violations: one per case, each expected to be reported by exactly the named rule. */
const violations: Record<string, Source & { rule: string | null }> = {
  'a function imports another function (relative path)': {
    filePath: 'cloudfunctions/merchant/src/actions/lint-fixture.ts',
    code: "import { contract } from '../../../mall/src/index'\nexport const x = contract\n",
    rule: 'import-x/no-restricted-paths',
  },
  'a function imports another function (from its root folder)': {
    filePath: 'cloudfunctions/points/lint-fixture.ts',
    code: "import * as user from '../user/src/index'\nexport const x = user\n",
    rule: 'import-x/no-restricted-paths',
  },
  'domain imports Taro': {
    filePath: 'domain/points/lint-fixture.ts',
    code: "import Taro from '@tarojs/taro'\nexport const x = Taro\n",
    rule: 'no-restricted-imports',
  },
  'domain imports wx-server-sdk': {
    filePath: 'domain/points/lint-fixture.ts',
    code: "import cloud from 'wx-server-sdk'\nexport const x = cloud\n",
    rule: 'no-restricted-imports',
  },
  'domain imports a node: built-in': {
    filePath: 'domain/lint-fixture.ts',
    code: "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n",
    rule: 'no-restricted-imports',
  },
  'domain imports a bare Node built-in': {
    filePath: 'domain/lint-fixture.ts',
    code: "import { createHash } from 'crypto'\nexport const x = createHash\n",
    rule: 'no-restricted-imports',
  },
  'domain imports server/': {
    filePath: 'domain/points/lint-fixture.ts',
    code: "import { getCloud } from '../../server/cloud'\nexport const x = getCloud\n",
    rule: 'import-x/no-restricted-paths',
  },
  'domain imports src/ through the @/ alias': {
    filePath: 'domain/lint-fixture.ts',
    code: "import { call } from '@/api'\nexport const x = call\n",
    rule: 'import-x/no-restricted-paths',
  },
  'domain imports a function': {
    filePath: 'domain/mall/lint-fixture.ts',
    code: "import * as mall from '../../cloudfunctions/mall/src/index'\nexport const x = mall\n",
    rule: 'import-x/no-restricted-paths',
  },
  'domain imports the emulator': {
    filePath: 'domain/lint-fixture.ts',
    code: "import * as emulator from '../emulator/index'\nexport const x = emulator\n",
    rule: 'import-x/no-restricted-paths',
  },
  'server imports src/': {
    filePath: 'server/lint-fixture.ts',
    code: "import { call } from '../src/api'\nexport const x = call\n",
    rule: 'import-x/no-restricted-paths',
  },
  'server imports a function': {
    filePath: 'server/mall/lint-fixture.ts',
    code: "import * as points from '../../cloudfunctions/points/src/index'\nexport const x = points\n",
    rule: 'import-x/no-restricted-paths',
  },
  'a page imports server/': {
    filePath: 'src/pages/lint-fixture.tsx',
    code: "import { getCloud } from '../../server/cloud'\nexport const x = getCloud\n",
    rule: 'import-x/no-restricted-paths',
  },
  'a page imports a function': {
    filePath: 'src/packages/mall/lint-fixture.ts',
    code: "import * as mall from '../../../cloudfunctions/mall/src/index'\nexport const x = mall\n",
    rule: 'import-x/no-restricted-paths',
  },
  'the app imports the emulator': {
    filePath: 'src/api/lint-fixture.ts',
    code: "import * as emulator from '../../emulator/index'\nexport const x = emulator\n",
    rule: 'import-x/no-restricted-paths',
  },
  'the app imports wx-server-sdk': {
    filePath: 'src/api/lint-fixture.ts',
    code: "import cloud from 'wx-server-sdk'\nexport const x = cloud\n",
    rule: 'no-restricted-imports',
  },
  'a page calls a cloud function itself, not through src/api': {
    filePath: 'src/pages/lint-fixture.tsx',
    code: "import Taro from '@tarojs/taro'\nexport const x = () => Taro.cloud.callFunction({ name: 'points', data: {} })\n",
    rule: 'no-restricted-properties',
  },
  'a contract written with classic zod': {
    filePath: 'domain/points/lint-fixture.ts',
    code: "import * as z from 'zod'\nexport const x = z.string().max(3)\n",
    rule: 'no-restricted-imports',
  },
  "domain's test building a schema with classic zod": {
    filePath: 'domain/lint-fixture.test.ts',
    code: "import * as z from 'zod'\nexport const x = z.string()\n",
    rule: 'no-restricted-imports',
  },
  'server code importing classic zod types': {
    filePath: 'server/lint-fixture.ts',
    code: "import type { ZodType } from 'zod'\nexport type X = ZodType\n",
    rule: 'no-restricted-imports',
  },
  'a form importing classic zod by its v4 path': {
    filePath: 'src/packages/worker/lint-fixture.ts',
    code: "import { z } from 'zod/v4'\nexport const x = z.string()\n",
    rule: 'no-restricted-imports',
  },
  'a script importing classic zod': {
    filePath: 'scripts/deploy/lint-fixture.ts',
    code: "import * as z from 'zod'\nexport const x = z.string()\n",
    rule: 'no-restricted-imports',
  },
  'a hook called conditionally (rules-of-hooks)': {
    filePath: 'src/components/lint-fixture.tsx',
    code: "import { useState } from 'react'\nexport function Box({ open }: { open: boolean }) {\n  if (!open) return null\n  const [n] = useState(0)\n  return n\n}\n",
    rule: 'react-hooks/rules-of-hooks',
  },
  'an effect missing a dependency (exhaustive-deps)': {
    filePath: 'src/components/lint-fixture.tsx',
    code: "import { useEffect } from 'react'\nexport function Title({ text }: { text: string }) {\n  useEffect(() => {\n    document.title = text\n  }, [])\n  return null\n}\n",
    rule: 'react-hooks/exhaustive-deps',
  },
  'an explicit any (typescript-eslint)': {
    filePath: 'server/lint-fixture.ts',
    code: 'export const parse = (s: string): any => JSON.parse(s)\n',
    rule: '@typescript-eslint/no-explicit-any',
  },
  'a stale eslint-disable comment': {
    filePath: 'server/lint-fixture.ts',
    code: '// eslint-disable-next-line no-console\nexport const x = 1\n',
    rule: null,
  },
}

/** Clean files: what each layer may import. */
const clean: Record<string, Source> = {
  'a function importing server/, domain/ and its own files': {
    filePath: 'cloudfunctions/merchant/src/actions/lint-fixture.ts',
    code: "import { getCloud } from '../../../../server/cloud'\nimport { DAY_MS } from '../../../../domain/time'\nimport * as store from '../store'\nexport const x = [getCloud, DAY_MS, store]\n",
  },
  'domain importing zod/mini and other domain files': {
    filePath: 'domain/points/lint-fixture.ts',
    code: "import * as z from 'zod/mini'\nimport { DAY_MS } from '../time'\nimport { DAILY_TRIGGER } from './contract'\nexport const x = [z.string(), DAY_MS, DAILY_TRIGGER]\n",
  },
  "domain's own test reading a file with node:fs": {
    filePath: 'domain/lint-fixture.test.ts',
    code: "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n",
  },
  'server importing domain/ and wx-server-sdk': {
    filePath: 'server/lint-fixture.ts',
    code: "import cloud from 'wx-server-sdk'\nimport { DAY_MS } from '../domain/time'\nexport const x = [cloud, DAY_MS]\n",
  },
  'a page importing src/api, a hook, domain/ and Taro': {
    filePath: 'src/pages/lint-fixture.tsx',
    code: "import { useEffect } from 'react'\nimport Taro from '@tarojs/taro'\nimport { call } from '@/api'\nimport { DAY_MS } from '@domain/time'\nexport function Page({ text }: { text: string }) {\n  useEffect(() => {\n    void Taro.setNavigationBarTitle({ title: text })\n    void call\n  }, [text])\n  return DAY_MS\n}\n",
  },
  "src/api's transport calling the cloud": {
    filePath: 'src/api/lint-fixture.weapp.ts',
    code: "import Taro from '@tarojs/taro'\nexport const x = () => Taro.cloud.callFunction({ name: 'points', data: {} })\n",
  },
  'the cross-function suites at the cloudfunctions/ root': {
    filePath: 'cloudfunctions/lint-fixture.test.ts',
    code: "import * as mall from './mall/src/index'\nimport * as points from './points/src/index'\nexport const x = [mall, points]\n",
  },
}

beforeAll(() => {
  const sources = [...Object.entries(violations), ...Object.entries(clean)].map(([name, s], i) => ({ filePath: s.filePath.replace('lint-fixture', `lint-fixture-${i}`), code: s.code, name }))
  const byPath = lintAll(sources.map(({ filePath, code }) => ({ filePath, code })))
  results = new Map(sources.map((s) => [s.name, byPath.get(s.filePath) ?? []]))
}, 120_000)

describe('the lint step reports', () => {
  it.each(Object.entries(violations))('%s', (name, { rule }) => {
    const messages = results.get(name)!
    expect(messages.map((m) => m.ruleId)).toEqual([rule])
  })
})

describe('the lint step passes', () => {
  it.each(Object.entries(clean))('%s', (name) => {
    expect(results.get(name)).toEqual([])
  })
})
