import { defineArea } from '../case'

const V1 = 'https://developers.weixin.qq.com/miniprogram/dev/framework/security.msgSecCheck-v1.html'
const V2 = 'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html'
const SEND = 'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html'
const PHONE = 'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html'

export default defineArea('open APIs', [
  {
    id: 'openapi.msgseccheck-v1-test-texts',
    title: 'msgSecCheck 1.0 answers errcode 87014 for both of WeChat’s test texts, 0 for ordinary text',
    source: `${V1} (测试用例: 若接口 errcode 返回 87014，则对接成功)`,
    async run({ cloud, failure }) {
      const texts = ['特3456书yuuo莞6543李zxcz蒜7782法fgnv级', '完2347全dfji试3726测asad感3847知qwez到']
      const risky = await Promise.all(texts.map((content) => failure(cloud.openapi.security.msgSecCheck({ content }))))
      const ok = await cloud.openapi.security.msgSecCheck({ content: '驿站今天有热水，欢迎来休息' })
      return { risky: risky.map((f) => f?.errCode ?? null), ok: ok.errCode }
    },
    check({ risky, ok }, expect) {
      expect(risky).toEqual([87014, 87014])
      expect(ok).toBe(0)
    },
  },
  {
    id: 'openapi.msgseccheck-v2-argument-errors',
    title: 'msgSecCheck 2.0 refuses a scene outside 1-4 with 40129 and a missing openid with 40003',
    source: `${V2} (errcode 40129 场景值错误, 40003 openid 无效)`,
    async run({ cloud, failure }) {
      const openid = cloud.getWXContext().OPENID
      const scene = await failure(cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 5, openid }))
      const noOpenid = await failure(cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 2 }))
      return { scene: scene?.errCode ?? null, noOpenid: noOpenid?.errCode ?? null }
    },
    check(r, expect) {
      expect(r).toEqual({ scene: 40129, noOpenid: 40003 })
    },
  },
  {
    id: 'openapi.subscribe-value-limits',
    title: 'subscribeMessage.send refuses a thing value over 20 characters and a phrase that is not ≤ 5 Chinese characters with 47003, naming the field',
    source: `${SEND} (47003 模板参数不准确; 订阅消息参数值内容限制: thing 20 个以内字符, phrase 5 个以内汉字)`,
    async run({ cloud, failure }) {
      const send = (data: Record<string, { value: string }>) =>
        failure(cloud.openapi.subscribeMessage.send({ touser: cloud.getWXContext().OPENID, templateId: 'conformance-template', data }))
      return {
        thing: await send({ thing1: { value: '这是一段超过二十个字的事物说明所以微信会拒绝' } }),
        phrase: await send({ phrase2: { value: '非本社区职责' } }),
        ok: await send({ thing1: { value: '活动提醒' }, phrase2: { value: '已受理' } }),
      }
    },
    check({ thing, phrase, ok }, expect) {
      expect(thing).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing1.value') })
      expect(phrase).toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.phrase2.value') })
      expect(ok).toBeNull()
    },
  },
  {
    id: 'openapi.phone-code-once',
    title: 'a getPhoneNumber code works once; the second exchange is refused with 40029',
    source: `${PHONE} (每个 code 只能使用一次)`,
    async run({ cloud, failure }) {
      const code = `conformance${Date.now()}`
      const first = await cloud.openapi.phonenumber.getPhoneNumber({ code })
      const second = await failure(cloud.openapi.phonenumber.getPhoneNumber({ code }))
      return { first: first.errCode, phone: first.phoneInfo?.purePhoneNumber, second: second?.errCode ?? null }
    },
    check(r, expect) {
      expect(r.first).toBe(0)
      expect(r.phone).toMatch(/^1\d{10}$/)
      expect(r.second).toBe(40029)
    },
  },
])
