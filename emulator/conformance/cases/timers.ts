import { defineArea } from '../case'

const TRIGGERS_GUIDE = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html'
const TIMER_EVENT = 'https://cloud.tencent.com/document/product/583/31439 (Timer 触发器的事件消息结构)'
const WX_CONTEXT = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html'

/** The conformance function's own trigger (function/config.json): 03:00 on 1 January 2099, Beijing time. */
const FIRES_AT = '2099-01-01T03:00:00+08:00'

/** What the conformance function saw at its latest timer firing. */
async function lastTimerSeen(db: { collection(n: string): any }) {
  const { data } = await db.collection('conf_seen').where({ kind: 'timer' }).orderBy('at', 'desc').limit(1).get()
  return data[0] ?? null
}

export default defineArea('functions: timer triggers', [
  {
    id: 'timer.event-shape',
    title: 'a timer trigger calls its function with { Type: "Timer", TriggerName, Time (UTC, whole seconds), Message }, on the cron read in Beijing time',
    source: `${TIMER_EVENT}; ${TRIGGERS_GUIDE} (cron fields, 时区 UTC+8)`,
    async before(emu) {
      await emu.timers.set(new Date(Date.parse(FIRES_AT) - 1000))
      await emu.timers.advance(1000)
    },
    async run({ db }) {
      return (await lastTimerSeen(db))?.event ?? null
    },
    check(event, expect) {
      expect(event).toEqual({ Type: 'Timer', TriggerName: 'conformanceTimer', Time: '2098-12-31T19:00:00Z', Message: expect.any(String) })
    },
  },
  {
    id: 'timer.no-caller',
    title: 'getWXContext() in a timer invocation has no OPENID or APPID, SOURCE wx_trigger, and the environment',
    source: `${WX_CONTEXT} (SOURCE wx_trigger: 云函数定时触发器调用; OPENID/APPID 小程序端调用云函数时有)`,
    async before(emu) {
      await emu.timers.fire('conformance', 'conformanceTimer')
    },
    async run({ db, cloud }) {
      const seen = await lastTimerSeen(db)
      return { seen: seen?.wx ?? null, env: cloud.getWXContext().ENV }
    },
    check({ seen, env }, expect) {
      expect(seen.OPENID || undefined).toBeUndefined()
      expect(seen.APPID || undefined).toBeUndefined()
      expect(seen.SOURCE).toBe('wx_trigger')
      expect(seen.ENV).toBe(env)
    },
  },
])
