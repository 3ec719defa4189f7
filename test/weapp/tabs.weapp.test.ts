import { MiniProgram } from './mini-program'

const mp = new MiniProgram()

test('me tab as 张师傅', async () => {
  const page = await mp.open('pages/me/index', { as: 'demo-rider-zhang' })
  await page.waitForText('张师傅')
  console.log(page.text())
  console.log(JSON.stringify(mp.wechat.cloudCalls, null, 1).slice(0, 2000))
  expect(mp.errors).toEqual([])
  page.close()
})
