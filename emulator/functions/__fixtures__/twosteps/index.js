// Fixture for fault injection: two writes with a read between them (database requests 1, 2, 3;
// writes 1 and 2). A kill between the steps must leave exactly the first write.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()

exports.main = async (event) => {
  const steps = db.collection('steps')
  const first = await steps.add({ data: { run: event.run, step: 'first' } })
  await steps.doc(first._id).get()
  await steps.add({ data: { run: event.run, step: 'second' } })
  return { done: event.run }
}
