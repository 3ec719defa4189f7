// Fixture for the benchmark: a router-like answer with the caller's openid, no I/O.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  const { OPENID } = cloud.getWXContext()
  return { ok: true, data: { action: event.action, input: event.input, openid: OPENID } }
}
