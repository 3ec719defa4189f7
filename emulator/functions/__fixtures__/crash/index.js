// Fixture: throws, or exits the process.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  if (event.exit) process.exit(3)
  throw new Error('boom: ' + (event.why || 'no reason'))
}
