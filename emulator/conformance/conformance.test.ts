/**
 * The conformance suite: every case runs inside a cloud function that the emulator executes with the
 * real wx-server-sdk, and asserts only what the server decides. Each test's name carries its source
 * (a doc page or CloudBase's own production-run node-sdk test). Add cases in ./cases/.
 */
import { expect } from '@jest/globals'
import { AREAS } from './cases'
import { startConformanceEmulator, type ConformanceEmulator } from './harness'

jest.setTimeout(120_000)

let cloud: ConformanceEmulator

beforeAll(async () => {
  cloud = await startConformanceEmulator()
})

afterAll(async () => {
  await cloud?.stop()
})

test('case ids are unique and every case cites a source', () => {
  const ids = AREAS.flatMap((a) => a.cases.map((c) => c.id))
  expect(new Set(ids).size).toBe(ids.length)
  for (const c of AREAS.flatMap((a) => a.cases)) expect(c.source).toMatch(/^(https:\/\/|TencentCloudBase\/)/)
})

for (const area of AREAS) {
  describe(area.area, () => {
    for (const c of area.cases) {
      test(`${c.title} [${c.id}] — ${c.source}`, async () => {
        await c.before?.(cloud.emu)
        const answer = await cloud.run(c.id)
        if (!answer.ok) throw new Error(`case threw inside the function: ${JSON.stringify(answer.failure)}`)
        c.check(answer.result as never, expect)
      })
    }
  })
}
