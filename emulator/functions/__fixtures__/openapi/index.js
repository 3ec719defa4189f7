// Fixture: the open APIs through the real SDK (cloud.openapi.*); errors come back as data.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  const { OPENID } = cloud.getWXContext()
  try {
    switch (event.op) {
      case 'msgSecCheck':
        return await cloud.openapi.security.msgSecCheck({ content: event.content, version: 2, scene: event.scene || 2, openid: OPENID })
      case 'msgSecCheckV1':
        return await cloud.openapi.security.msgSecCheck({ content: event.content })
      case 'subscribe':
        return await cloud.openapi.subscribeMessage.send({
          touser: event.touser || OPENID,
          templateId: 'tmpl-activity-reminder',
          page: event.page || 'packages/volunteer/activity/index?id=a1',
          data: event.data || { thing1: { value: event.title || '社区义诊' }, time2: { value: '2025-06-01 09:00' } },
          miniprogramState: 'developer',
        })
      case 'phone':
        return await cloud.openapi.phonenumber.getPhoneNumber({ code: event.code })
      case 'mediaCheck':
        return await cloud.openapi.security.mediaCheckAsync({ mediaUrl: event.url, mediaType: 2, version: 2, scene: event.scene || 1, openid: OPENID })
      case 'unknown':
        return await cloud.openapi.wxacode.getNothing({ path: 'x' })
      default:
        return { error: 'no such op' }
    }
  } catch (err) {
    return { error: { errCode: err.errCode, errMsg: err.errMsg || err.message } }
  }
}
