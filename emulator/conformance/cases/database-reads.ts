import { defineArea } from '../case'

const GET_DOC = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.get.html'

export default defineArea('database: reads', [
  {
    id: 'read.get-default-limit-100',
    title: 'get() in a cloud function without limit() returns at most 100 documents (云函数端默认且最多取 100 条)',
    source: GET_DOC,
    async run({ db, freshCollection }) {
      const name = await freshCollection()
      // one batch add keeps the case fast; 120 > the default page
      await db.collection(name).add({ data: Array.from({ length: 120 }, (_, i) => ({ i })) })
      const { data } = await db.collection(name).get()
      const { total } = await db.collection(name).count()
      return { got: data.length, total }
    },
    check(r, expect) {
      expect(r).toEqual({ got: 100, total: 120 })
    },
  },
  {
    id: 'read.doc-get-missing-rejects',
    title: 'doc(id).get() of a missing document rejects outside a transaction',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/document/Document.get.html (默认情况下，如果获取不到记录，方法会抛出异常)',
    async run({ db, freshCollection, failure }) {
      const name = await freshCollection([{ _id: 'a', n: 1 }])
      const found = await db.collection(name).doc('a').get()
      const missing = await failure(db.collection(name).doc('nope').get())
      return { found: found.data, missing }
    },
    check(r, expect) {
      expect(r.found).toEqual({ _id: 'a', n: 1 })
      expect(r.missing).not.toBeNull()
      expect(r.missing.errMsg).toMatch(/does not exist/)
    },
  },
])
