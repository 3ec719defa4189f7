import { defineArea } from '../case'

const CALL = 'https://mp.weixin.qq.com/debug/minigame/dev/wxcloud/reference-server-api/functions/callFunction.html'
const SCF_STATUS = 'https://intl.cloud.tencent.com/document/product/583/35311'
const WX_CONTEXT = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html'

export default defineArea('functions', [
  {
    id: 'fn.call-result',
    title: 'cloud.callFunction resolves { result, requestID }: the callee’s return value and the id of its execution',
    source: `${CALL} (Promise 返回结果: result 云函数返回的结果, requestID 云函数执行 ID，可用于在控制台查找日志)`,
    async run({ cloud }) {
      const res = await cloud.callFunction({ name: 'conformance', data: { probe: true, n: 1, nested: { a: ['x'] } } })
      return { requestID: res.requestID, result: res.result }
    },
    check({ requestID, result }, expect) {
      expect(result.event).toMatchObject({ probe: true, n: 1, nested: { a: ['x'] } })
      expect(typeof requestID).toBe('string')
      expect(requestID).toBe(result.requestId) // the callee's context.request_id
    },
  },
  {
    id: 'fn.source-chain',
    title: 'in a function called by a function, getWXContext().SOURCE is the caller’s SOURCE followed by ",scf"',
    source: `${WX_CONTEXT} (SOURCE 值跟随调用链条传递 … B 内获得的 SOURCE 为 wx_client,scf)`,
    async run({ cloud }) {
      const own = cloud.getWXContext()
      const res = await cloud.callFunction({ name: 'conformance', data: { probe: true } })
      return { caller: own.SOURCE, callee: res.result.wx.SOURCE, env: [own.ENV, res.result.wx.ENV] }
    },
    check({ caller, callee, env }, expect) {
      expect(caller).toBe('wx_client')
      expect(callee).toBe('wx_client,scf')
      expect(env[1]).toBe(env[0])
    },
  },
  {
    id: 'fn.call-event-over-6mb',
    title: 'an event over 6 MB is refused (RequestTooLarge) and the callee does not run',
    source: `${SCF_STATUS} (406 RequestTooLarge: … 6 MB for sync request events); https://cloud.tencent.com/document/product/583/11637 (Sync request event size 6 MB)`,
    async run({ cloud, failure }) {
      const over = await failure(cloud.callFunction({ name: 'conformance', data: { probe: true, pad: 'x'.repeat(6 * 1024 * 1024) } }))
      const after = await cloud.callFunction({ name: 'conformance', data: { probe: true, small: 1 } })
      return { over, after: after.result.event.small }
    },
    check({ over, after }, expect) {
      expect(over).not.toBeNull()
      expect(over.message).toContain('RequestTooLarge')
      expect(after).toBe(1)
    },
  },
  {
    id: 'fn.call-missing-function',
    title: 'cloud.callFunction of a function that does not exist rejects',
    source: `${CALL} (Promise rejects on failure)`,
    async run({ cloud, failure }) {
      return failure(cloud.callFunction({ name: 'no-such-function-here', data: {} }))
    },
    check(f, expect) {
      expect(f).not.toBeNull()
      expect(f.errCode).toEqual(expect.any(Number))
    },
  },
])
