/**
 * Journeys of issue 16 (小区通行指引), the Done-when:
 * "address" — a rider opens 找楼找门 from the map tab, types 「金祝新村 12幢2单元」 and gets the gate to use
 * now, where to park and the walk on the schematic; an unknown building answers 「没找到 13 幢」.
 * "flag-fix" — a rider flags the gate they were sent to as closed, the worker sees it in 小区通行,
 * closes that gate to riders, and the rider's next search goes through another gate.
 * "guard" — a guard checks a rider's 小哥码 at a gate, sees the gate's rule and counts the entry.
 * "create" — a worker at a wide desktop window creates a compound, adds a gate (tapped on the
 * schematic) and two buildings (as offsets), saves; a rider's search by part of its name finds the
 * new building with that gate.
 * Needs `npm run build:h5` and the built functions.
 */
import type { Journey } from './harness'
import { startDemoJourney, type DemoJourney } from './demo-journey'

let journey: Journey
let demo: DemoJourney

beforeAll(async () => {
  demo = await startDemoJourney('compounds')
  journey = demo.journey
})
afterAll(() => demo?.stop())

const realErrors = () => journey.errors.filter((e) => !/favicon|status of 401/.test(e))

async function searchFor(text: string) {
  const guide = journey.page.locator('.guide-page').first()
  await guide.locator('input[name="q"]').fill(text)
  await guide.getByText('查找', { exact: true }).click()
  return guide
}

test('a rider types a building address and gets gate, parking and the walk', async () => {
  const { page } = journey
  await journey.step('01-from-map', async () => {
    await demo.signInAs('demo-rider-zhang')
    await demo.open('/pages/map/index')
    await page.locator('.map-compounds__search').click()
    await page.locator('.guide-page').first().getByText('输入小区和楼号').waitFor()
  })
  await journey.step('02-answer', async () => {
    const guide = await searchFor('金祝新村 12幢2单元')
    await guide.locator('.guide-answer__title', { hasText: '金祝新村 12 幢 2 单元' }).waitFor()
    await guide.locator('.guide-answer__gate', { hasText: /^现在走 \d 号门/ }).waitFor()
    await guide.getByText(/^进门方式：/).waitFor()
    await guide.getByText(/^停车：.*泊位|^停车：.*专停区|^停车：.*充电棚/).waitFor()
    await guide.getByText(/^路线：从.*步行约 \d+ 米到 12 幢 2 单元$/).waitFor()
    await guide.getByText('小哥友好小区').waitFor()
    // the schematic: 25 buildings, 12 highlighted, the walk drawn as dots
    expect(await guide.locator('.schematic__building').count()).toBe(25)
    await guide.locator('.schematic__building--on', { hasText: /^12$/ }).waitFor()
    expect(await guide.locator('.schematic__dot').count()).toBeGreaterThan(5)
    await guide.locator('.chip', { hasText: /^导航到\d 号门$/ }).click()
    // h5 has no openLocation: the sheet with the address and a copy button
    await page.locator('.nav-sheet').getByText('复制地址').waitFor()
    await page.locator('.nav-sheet').getByText('关闭').click()
  })
  await journey.step('03-unknown-building', async () => {
    const guide = await searchFor('文晖新村 13幢')
    await guide.getByText('没找到 13 幢', { exact: true }).waitFor()
    await guide.locator('.chip', { hasText: '12 幢' }).waitFor()
    expect(await guide.locator('.schematic__building').count()).toBe(22)
  })
  expect(journey.blocked).toEqual([])
  expect(realErrors()).toEqual([])
}, 120_000)

test('a rider flags a closed gate, the worker fixes the compound, the next search reflects it', async () => {
  const { page } = journey
  let gateName = ''
  await journey.step('04-flag', async () => {
    await demo.signInAs('demo-rider-wang')
    await demo.open('/packages/compounds/guide/index?q=' + encodeURIComponent('金祝 20'))
    const guide = page.locator('.guide-page').first()
    const gate = guide.locator('.guide-answer__gate', { hasText: /^现在走 / })
    await gate.waitFor()
    gateName = ((await gate.textContent()) ?? '').replace('现在走 ', '').trim()
    await guide.locator('.chip', { hasText: '这个门关了' }).click()
    await guide.locator('.guide-answer__gate', { hasText: /^现在走 / }).filter({ hasNotText: gateName }).waitFor()
  })
  await journey.step('05-worker-fixes', async () => {
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/index/index')
    await page.locator('.entry-cell', { hasText: '小区通行' }).click()
    const card = page.locator('.cflag-page .cflag', { hasText: `金祝新村 · ${gateName}` })
    await card.getByText('这个门关了', { exact: true }).waitFor()
    await card.getByText('处理', { exact: true }).click()
    // a tap on the schematic moves the gate there: the offsets follow the tap
    const x = card.locator('input[name="x"]')
    const before = await x.inputValue()
    const box = (await card.locator('.schematic').boundingBox())!
    await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.5)
    await card.locator('.schematic__pick').waitFor()
    for (let i = 0; i < 50 && (await x.inputValue()) === before; i++) await page.waitForTimeout(100)
    expect(Number(await x.inputValue())).toBeGreaterThan(150)
    await card.locator('.chip', { hasText: '骑手可通行' }).click()
    await card.locator('.chip', { hasText: '不可进入' }).click()
    await card.getByText('保存修改并处理', { exact: true }).click()
    await card.waitFor({ state: 'detached' })
  })
  await journey.step('06-rider-sees-it', async () => {
    await demo.signInAs('demo-rider-wang')
    await demo.open('/packages/compounds/guide/index?q=' + encodeURIComponent('金祝新村 20幢'))
    const guide = page.locator('.guide-page').first()
    await guide.locator('.guide-answer__gate', { hasText: /^现在走 / }).filter({ hasNotText: gateName }).waitFor()
    // the gate is drawn as not usable now (from the worker's edit, no longer from the flag)
    await guide.locator('.schematic__gate--shut', { hasText: gateName.replace(/（.*）/, '') }).waitFor()
  })
  expect(realErrors()).toEqual([])
}, 120_000)

test('a guard checks a pass at a gate, sees its rule and counts the entry', async () => {
  const { page } = journey
  let token = ''
  await journey.step('07-rider-pass', async () => {
    await demo.signInAs('demo-rider-zhang')
    await demo.open('/pages/me/index')
    await page.locator('.entry-cell', { hasText: '小哥码' }).first().click()
    const card = page.locator('.pass-card')
    await card.getByText(/秒后失效/).waitFor()
    token = ((await card.locator('.pass-card__token').textContent()) ?? '').trim()
    expect(token).toMatch(/^XG1\./)
  })
  await journey.step('08-guard', async () => {
    await demo.signInAs('demo-worker-chen')
    await demo.open('/packages/worker/pass-check/index')
    const checker = page.locator('.pass-check-page').first()
    await checker.locator('.gate-desk__compound', { hasText: '新和平小区' }).locator('.chip', { hasText: '1 号门（南门）' }).click()
    await checker.getByText('新和平小区 1 号门（南门）：扫小哥码').waitFor()
    await checker.getByText('核验小哥码有效即可放行').waitFor()
    await checker.locator('input[placeholder="XG1.…"]').fill(token)
    await checker.getByText('核验', { exact: true }).click()
    await checker.locator('.pass-result').getByText('有效', { exact: true }).waitFor()
    await checker.getByText('放行并计数', { exact: true }).click()
    await checker.getByText('今日本门已放行 1 次').waitFor()
  })
  const rows = demo.emulator.database.listDocuments('gateEntries', { limit: 10 }) as Record<string, unknown>[]
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ compoundId: 'cp-xinheping', gateId: 'g1', count: 1 })
  expect(realErrors()).toEqual([])
}, 120_000)

test('a worker creates a compound with a gate and two buildings; a rider finds the building with that gate', async () => {
  const { page } = journey
  await page.setViewportSize({ width: 1366, height: 900 })
  try {
    await journey.step('09-create', async () => {
      await demo.signInAs('demo-worker-chen')
      await demo.open('/packages/worker/compound-flags/index')
      await page.locator('.cflag-mine').getByText('新建小区', { exact: true }).click()
      const form = page.locator('.cedit-create')
      await form.locator('.cedit-create__community .chip', { hasText: '金祝社区' }).click()
      await form.locator('input[name="name"]').fill('金祝花园')
      await form.locator('input[name="address"]').fill('金祝北路 8 号')
      await form.locator('input[placeholder="经度"]').fill('120.1512')
      await form.locator('input[placeholder="纬度"]').fill('30.2911')
      await form.getByText('创建小区', { exact: true }).click()
      await page.locator('.cedit__title', { hasText: '金祝花园' }).waitFor()
    })
    await journey.step('10-gate-and-buildings', async () => {
      const editor = page.locator('.cedit')
      // two columns at a desktop width: the schematic and lists left, the chosen item's form right
      const side = (await editor.locator('.cedit__side').boundingBox())!
      const main = (await editor.locator('.cedit__main').boundingBox())!
      expect(main.x).toBeGreaterThanOrEqual(side.x + side.width)
      expect(Math.abs(main.y - side.y)).toBeLessThan(5)

      await editor.locator('.cedit__side .chip', { hasText: /^门$/ }).click()
      await editor.getByText('+ 新增门', { exact: true }).click()
      await editor.locator('input[name="gateName"]').fill('1 号门（南门）')
      // the gate goes where the worker taps: below the anchor (south)
      const map = (await editor.locator('.schematic').boundingBox())!
      await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.9)
      const y = editor.locator('.cedit__main input[name="y"]')
      for (let i = 0; i < 50 && !((Number(await y.inputValue()) || 0) < 0); i++) await page.waitForTimeout(100)
      expect(Number(await y.inputValue())).toBeLessThan(0)

      await editor.locator('.cedit__side .chip', { hasText: /^楼$/ }).click()
      for (const [no, x] of [['1', '-30'], ['2', '30']]) {
        await editor.getByText('+ 新增楼', { exact: true }).click()
        const main = editor.locator('.cedit__main')
        expect(await main.locator('input[name="no"]').inputValue()).toBe(no)
        await main.locator('input[name="x"]').fill(x)
        await main.locator('input[name="y"]').fill('40')
        await main.locator('input[name="floors"]').fill('11')
        await main.locator('.chip', { hasText: '有电梯' }).click()
        await main.locator('.chip.chip--on', { hasText: '1 号门（南门）' }).waitFor()
      }
      expect(await editor.locator('.schematic__building').count()).toBe(2)
      await editor.getByText('保存小区', { exact: true }).click()
      for (let i = 0; i < 100; i++) {
        const saved = (demo.emulator.database.listDocuments('compounds', { limit: 100 }) as { name: string; buildings: unknown[] }[]).find((c) => c.name === '金祝花园')
        if (saved?.buildings.length === 2) break
        await page.waitForTimeout(100)
      }
      const saved = (demo.emulator.database.listDocuments('compounds', { limit: 100 }) as Record<string, unknown>[]).find((c) => c.name === '金祝花园')!
      expect(saved).toMatchObject({ gates: [{ id: 'g1', name: '1 号门（南门）' }], buildings: [{ no: '1', gateId: 'g1', floors: 11, lift: true }, { no: '2', gateId: 'g1' }] })
      // the audit entry is written after the transaction, before the answer
      const audited = () => (demo.emulator.database.listDocuments('auditLog', { limit: 1_000_000 }) as Record<string, unknown>[]).filter((a) => String(a.detail).startsWith('金祝花园'))
      for (let i = 0; i < 50 && audited().length < 2; i++) await page.waitForTimeout(100)
      expect(audited().map((a) => a.action).sort()).toEqual(['compounds.create', 'compounds.update'])
    })
    await journey.step('11-rider-finds-it', async () => {
      await demo.signInAs('demo-rider-zhang')
      await demo.open('/packages/compounds/guide/index')
      // part of the name, no alias: 「祝花园」 finds 金祝花园
      const guide = await searchFor('祝花园 2幢')
      await guide.locator('.guide-answer__title', { hasText: '金祝花园 2 幢' }).waitFor()
      await guide.locator('.guide-answer__gate', { hasText: '现在走 1 号门（南门）' }).waitFor()
      await guide.getByText('2 幢：11 层，有电梯').waitFor()
    })
    await journey.step('12-flag-handled-in-whole-editor', async () => {
      // a rider says 2 幢's number is wrong; the worker opens the whole compound from the flag, and
      // saving there handles the flag too (it leaves the queue)
      type Saved = { _id: string; name: string; buildings: { id: string; no: string }[] }
      const made = (demo.emulator.database.listDocuments('compounds', { limit: 100 }) as Saved[]).find((c) => c.name === '金祝花园')!
      const input = { compoundId: made._id, target: 'building', targetId: made.buildings.find((b) => b.no === '2')!.id, kind: 'wrongNumber', note: '楼上挂的牌子是 2A' }
      const { result } = await demo.emulator.functions.invoke('compounds', { action: 'flag', input }, { openid: 'demo-rider-zhang' })
      expect(result).toMatchObject({ ok: true })
      await demo.signInAs('demo-worker-chen')
      await demo.open('/packages/worker/compound-flags/index')
      const card = page.locator('.cflag-page .cflag', { hasText: '金祝花园' })
      await card.getByText('处理', { exact: true }).click()
      await card.getByText('编辑整个小区', { exact: true }).click()
      const editor = page.locator('.cedit')
      await editor.getByText(/来自骑手反馈「.+」：保存修改时，这条反馈会一起标为已处理/).waitFor()
      await editor.locator('input[name="address"]').fill('金祝北路 8 号（2 幢即 2A）')
      await journey.shot('12-whole-editor-from-flag')
      await editor.getByText('保存小区', { exact: true }).click()
      await editor.getByText(/来自骑手反馈/).waitFor({ state: 'detached' })
      const flags = () => demo.emulator.database.listDocuments('compoundFlags', { limit: 1000 }) as { compoundId: string; status: string }[]
      expect(flags().filter((f) => f.compoundId === made._id).map((f) => f.status)).toEqual(['fixed'])
      await page.goBack()
      await page.locator('.cflag-mine').getByText('新建小区', { exact: true }).waitFor()
      await card.waitFor({ state: 'detached' })
    })
  } finally {
    await page.setViewportSize({ width: 390, height: 844 })
  }
  expect(realErrors()).toEqual([])
}, 150_000)
