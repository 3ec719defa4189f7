import { deleteFiles, STORAGE_BATCH, tempUrls } from './files'

// wx-server-sdk's storage calls, recorded: production refuses more than 50 files a call.
const calls: { api: string; n: number }[] = []
jest.mock('./cloud', () => ({
  getCloud: () => ({
    getTempFileURL: async ({ fileList }: { fileList: { fileID: string }[] }) => {
      calls.push({ api: 'getTempFileURL', n: fileList.length })
      if (fileList.length > 50) throw new Error('INVALID_PARAM Invalid request param')
      return { fileList: fileList.map((f) => ({ fileID: f.fileID, tempFileURL: `https://x/${f.fileID}` })) }
    },
    deleteFile: async ({ fileList }: { fileList: string[] }) => {
      calls.push({ api: 'deleteFile', n: fileList.length })
      if (fileList.length > 50) throw new Error('INVALID_PARAM Invalid request param')
      return { fileList: fileList.map((fileID) => ({ fileID, status: 0 })) }
    },
  }),
}))

const ids = (n: number) => Array.from({ length: n }, (_, i) => `cloud://env.bucket/f${i}`)
beforeEach(() => (calls.length = 0))

test('tempUrls and deleteFiles stay within 50 files a call', async () => {
  expect(STORAGE_BATCH).toBe(50)
  const urls = await tempUrls(ids(120), 60)
  expect([...urls.values()].every((u) => u.startsWith('https://'))).toBe(true)
  await deleteFiles([...ids(101), 'cloud://env.bucket/f0'])
  expect(calls).toEqual([
    { api: 'getTempFileURL', n: 50 },
    { api: 'getTempFileURL', n: 50 },
    { api: 'getTempFileURL', n: 20 },
    { api: 'deleteFile', n: 50 },
    { api: 'deleteFile', n: 50 },
    { api: 'deleteFile', n: 1 },
  ])
})

test('deleteFiles of nothing makes no call', async () => {
  await deleteFiles([])
  expect(calls).toEqual([])
})
