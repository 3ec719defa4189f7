// Fixture: sleeps event.ms (timeout in config.json is 1 s).
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  console.log('going to sleep', event.ms)
  await new Promise((r) => setTimeout(r, event.ms || 0))
  return { slept: event.ms || 0, pid: process.pid }
}
