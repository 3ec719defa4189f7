// Fixture: answers the caller's identity as the SDK sees it; optional delay and console output.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  const before = cloud.getWXContext()
  console.log('whoami', event && event.tag)
  if (event && event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs))
  const after = cloud.getWXContext()
  if (event && event.warn) console.warn('careful', event.warn)
  return { before, after, event, pid: process.pid }
}
