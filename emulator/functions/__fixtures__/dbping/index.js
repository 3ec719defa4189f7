// Fixture: one write and one read through the real SDK (needs the database service).
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()

exports.main = async (event) => {
  const { OPENID } = cloud.getWXContext()
  try {
    await db.createCollection('pings').catch(() => undefined)
    const { _id } = await db.collection('pings').add({ data: { openid: OPENID, note: event.note || '' } })
    const { data } = await db.collection('pings').doc(_id).get()
    return { id: _id, doc: data }
  } catch (err) {
    return { error: { errCode: err.errCode, errMsg: err.errMsg || err.message } }
  }
}
