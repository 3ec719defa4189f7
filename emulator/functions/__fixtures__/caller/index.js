// Fixture: calls another function with cloud.callFunction and reports both identities.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  const res = await cloud.callFunction({ name: event.target || 'whoami', data: { tag: 'nested', sleepMs: event.sleepMs || 0 } })
  return { me: cloud.getWXContext(), callee: res.result }
}
