// Fixture: cloud storage through the real SDK.
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  try {
    switch (event.op) {
      case 'upload': {
        const res = await cloud.uploadFile({ cloudPath: event.path, fileContent: Buffer.from(event.text, 'utf8') })
        return { fileID: res.fileID }
      }
      case 'tempUrl': {
        const res = await cloud.getTempFileURL({ fileList: [{ fileID: event.fileID, maxAge: event.maxAge || 600 }] })
        return res.fileList[0]
      }
      case 'download': {
        const res = await cloud.downloadFile({ fileID: event.fileID })
        return { text: res.fileContent.toString('utf8') }
      }
      case 'delete': {
        const res = await cloud.deleteFile({ fileList: [event.fileID] })
        return res.fileList[0]
      }
      default:
        return { error: 'no such op' }
    }
  } catch (err) {
    return { error: { errCode: err.errCode, errMsg: err.errMsg || err.message } }
  }
}
