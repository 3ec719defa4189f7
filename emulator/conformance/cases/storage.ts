import { defineArea } from '../case'

const TEMP_URL = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/Cloud.getTempFileURL.html (一次最多取 50 个)'
const DELETE = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/Cloud.deleteFile.html (一次最多 50 个)'
const RULES = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html'
const ids = (n: number, env: string) => Array.from({ length: n }, (_, i) => `cloud://${env}.bucket/conformance/none-${i}.txt`)

export default defineArea('storage', [
  {
    id: 'storage.admin-writes-any-file',
    title: 'a cloud function overwrites and deletes a file another user created: the storage rules bind client requests only',
    source: `${RULES} (安全规则仅对前端（小程序端）访问生效，管理端（云函数、云控制台）始终拥有所有读写权限)`,
    async before(emulator) {
      // a file another user created (as the console would store it)
      emulator.storage.put('conformance/created-by-another-user.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), { uploader: 'another-user' })
    },
    async run({ cloud }) {
      const { fileID } = await cloud.uploadFile({ cloudPath: 'conformance/created-by-another-user.png', fileContent: Buffer.from('written by the function') })
      const read = await cloud.downloadFile({ fileID })
      const del = await cloud.deleteFile({ fileList: [fileID] })
      return { fileID, text: read.fileContent.toString('utf8'), del: del.fileList[0] }
    },
    check({ fileID, text, del }, expect) {
      expect(fileID).toMatch(/\/conformance\/created-by-another-user\.png$/)
      expect(text).toBe('written by the function')
      expect(del).toMatchObject({ fileID, status: 0 })
    },
  },
  {
    id: 'storage.temp-url-51-files-refused',
    title: 'getTempFileURL with 51 files is refused with INVALID_PARAM; 50 are answered file by file',
    source: `TencentCloudBase/node-sdk test/storage/getDownloadUrls.test.ts › 获取超出文件数限制50的下载链接; ${TEMP_URL}`,
    async run({ cloud, failure }) {
      const env = cloud.getWXContext().ENV
      const over = await failure(cloud.getTempFileURL({ fileList: ids(51, env) }))
      const fifty = await cloud.getTempFileURL({ fileList: ids(50, env) })
      return { over, fifty: fifty.fileList.length, status: fifty.fileList[0].status }
    },
    check({ over, fifty, status }, expect) {
      expect(over).not.toBeNull()
      expect(`${over.code ?? ''} ${over.errMsg ?? over.message}`).toMatch(/INVALID_PARAM[\s\S]*Invalid request param/)
      expect(fifty).toBe(50)
      expect(status).not.toBe(0) // each file: STORAGE_FILE_NONEXIST
    },
  },
  {
    id: 'storage.delete-51-files-refused',
    title: 'deleteFile with 51 files is refused with INVALID_PARAM and deletes nothing',
    source: `TencentCloudBase/node-sdk test/storage/deleteFile.test.ts › 删除超出文件数限制50; ${DELETE}`,
    async run({ cloud, failure }) {
      const env = cloud.getWXContext().ENV
      const { fileID } = await cloud.uploadFile({ cloudPath: 'conformance/delete-51.txt', fileContent: Buffer.from('x') })
      const over = await failure(cloud.deleteFile({ fileList: [fileID, ...ids(50, env)] }))
      const still = await cloud.getTempFileURL({ fileList: [fileID] })
      const deleted = await cloud.deleteFile({ fileList: [fileID] })
      return { over, stillThere: still.fileList[0].status === 0, deleted: deleted.fileList[0] }
    },
    check({ over, stillThere, deleted }, expect) {
      expect(`${over?.code ?? ''} ${over?.errMsg ?? over?.message}`).toMatch(/INVALID_PARAM[\s\S]*Invalid request param/)
      expect(stillThere).toBe(true)
      expect(deleted).toMatchObject({ status: 0 })
    },
  },
  {
    id: 'storage.upload-url-delete',
    title: 'an uploaded file gets a temp URL, deleteFile answers its fileID, and then it no longer exists',
    source: 'TencentCloudBase/node-sdk test/storage/deleteFile.test.ts › 上传文件、删除文件',
    async run({ cloud }) {
      const { fileID } = await cloud.uploadFile({ cloudPath: 'conformance/a|b测试.txt', fileContent: Buffer.from('驿站') })
      const url = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
      const del = await cloud.deleteFile({ fileList: [fileID] })
      const after = await cloud.getTempFileURL({ fileList: [fileID] })
      return { fileID, url: url.fileList[0], del: del.fileList[0], after: after.fileList[0] }
    },
    check({ fileID, url, del, after }, expect) {
      expect(url).toMatchObject({ fileID, status: 0, tempFileURL: expect.stringMatching(/^https?:\/\//) })
      expect(del).toEqual({ fileID, status: 0, errMsg: 'ok' })
      expect(after).toMatchObject({ fileID, tempFileURL: '' })
      expect(after.status).not.toBe(0)
    },
  },
  {
    id: 'storage.download-missing-file',
    title: 'downloadFile of a file that does not exist fails (STORAGE_FILE_NONEXIST)',
    source: 'TencentCloudBase/node-sdk test/storage/downloadFile.test.ts › 无效连接下载',
    async run({ cloud, failure }) {
      const env = cloud.getWXContext().ENV
      return failure(cloud.downloadFile({ fileID: `cloud://${env}.tcbenv-mPIgjhnq/conformance/none.txt` }))
    },
    check(f, expect) {
      expect(f).not.toBeNull()
      expect(`${f.code ?? ''} ${f.errMsg ?? f.message}`).toMatch(/STORAGE_FILE_NONEXIST|not exist/i)
    },
  },
  {
    id: 'storage.missing-file',
    title: 'getTempFileURL of a file that does not exist answers it with a failure status (STORAGE_FILE_NONEXIST), not a rejection',
    source: 'TencentCloudBase/node-sdk test/storage/getDownloadUrls.test.ts › 文件不存在',
    async run({ cloud }) {
      const env = cloud.getWXContext().ENV
      const res = await cloud.getTempFileURL({ fileList: [`cloud://${env}.tcbenv-mPIgjhnq/1535367916760.jpg`] })
      return res.fileList[0]
    },
    check(file, expect) {
      expect(file.tempFileURL).toBe('')
      expect(file.status).not.toBe(0)
    },
  },
])
