import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { readBody } from '../admin/server'
import type { AdminCall, AdminReply } from '../admin/types'
import { CloudbaseError } from '../core/errors'
import { clientUploadType, trustedUploadType } from './content'
import { bucketFor, makeFileId, normalizeCloudPath, parseFileId } from './fileid'

export { bucketFor, makeFileId, parseFileId, normalizeCloudPath } from './fileid'
export { ContentRefused, PHOTO_FOLDERS, sniffType } from './content'

/**
 * The storage permission the client side (the mini-program; here the gateway's upload and temp-URL
 * routes) is held to. CloudBase's basic permission control offers four; the default is
 * "所有用户可读，仅创建者可读写" = `{ read: 'all', write: 'creator' }` (云存储安全规则,
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html:
 * 云存储提供基础的权限控制，默认为“所有用户可读，仅创建者可读写”). The rules apply to client requests
 * only — 管理端（云函数、云控制台）始终拥有所有读写权限 — and do not govern a temp URL once issued.
 */
export interface StorageRule {
  read: 'all' | 'creator' | 'none'
  write: 'creator' | 'none'
}
export const DEFAULT_STORAGE_RULE: StorageRule = { read: 'all', write: 'creator' }

/** A client request the storage rule refuses (write: `resource.openid == auth.openid`). */
export class StorageRuleRefused extends Error {}

export interface StorageServiceOptions {
  /** where files and their index live (e.g. <dataDir>/storage) */
  dir: string
  envId: string
  /** base URL of the emulator's HTTP server, e.g. http://127.0.0.1:8787 (read per request) */
  publicUrl: () => string
  /** key that signs temporary URLs (keep it stable across restarts so issued URLs stay valid) */
  secret: Buffer
  now?: () => number
  /** largest upload accepted (default 50 MB) */
  maxUploadBytes?: number
  /** the client-side permission (default: CloudBase's default, 所有用户可读，仅创建者可读写) */
  clientRule?: StorageRule
}

export interface StoredFile {
  fileID: string
  path: string
  size: number
  contentType: string
  /** openid of the invocation (or signed-in persona) that uploaded it; '' when unknown */
  uploader: string
  /** the invocation that uploaded it, if any */
  invocationId?: string
  uploadedAt: number
}

export const STORAGE_PUT_PREFIX = '/__/storage/put/'
export const STORAGE_OBJECT_PREFIX = '/__/storage/object/'
const DEFAULT_MAX_AGE = 86400
/**
 * Files per getTempFileURL / deleteFile call: "一次最多 50 个" (Cloud.getTempFileURL, Cloud.deleteFile
 * references); 51 are refused with INVALID_PARAM (node-sdk test/storage/getDownloadUrls.test.ts and
 * deleteFile.test.ts), message as production answers it (TencentCloud/tcb-sdk-php issue #1).
 */
export const MAX_FILES_PER_CALL = 50
const tooManyFiles = (n: number) => {
  if (n > MAX_FILES_PER_CALL) throw new CloudbaseError('INVALID_PARAM', 'Invalid request param')
}
const UPLOAD_TOKEN_TTL_MS = 10 * 60 * 1000
/**
 * Every stored object is served with these: a file uploaded as `a.png` that is really HTML or SVG
 * with script must not become active content on the app's origin. `nosniff` keeps the browser to the
 * stored type; the CSP lets a document opened directly load and run nothing (inline style only, so
 * an SVG still looks right), and `sandbox` gives it an opaque origin.
 */
export const STORED_OBJECT_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
} as const

/**
 * Cloud storage on local disk: the SDK's upload (getUploadMetadata + PUT), temporary download URLs
 * signed with HMAC-SHA256 that expire after max_age, and deletion. Metadata (size, type, uploader)
 * is kept in one index file next to the objects.
 */
export class StorageService {
  private files = new Map<string, StoredFile>()
  private pendingUploads = new Map<string, { path: string; uploader: string; invocationId?: string; expires: number }>()
  private readonly bucket: string
  private readonly now: () => number
  private readonly objectsDir: string
  private readonly indexFile: string

  constructor(private readonly opts: StorageServiceOptions) {
    this.bucket = bucketFor(opts.envId)
    this.now = opts.now ?? Date.now
    this.objectsDir = path.join(opts.dir, 'objects')
    this.indexFile = path.join(opts.dir, 'index.json')
    fs.mkdirSync(this.objectsDir, { recursive: true })
    try {
      const list = JSON.parse(fs.readFileSync(this.indexFile, 'utf8')) as StoredFile[]
      for (const f of list) this.files.set(f.path, f)
    } catch {
      // no index yet
    }
  }

  /** The admin service for `storage.*`. */
  handle = async (call: AdminCall): Promise<AdminReply> => {
    switch (call.action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(call)
      case 'storage.batchGetDownloadUrl':
        return this.batchDownloadUrl(call)
      case 'storage.batchDeleteFile':
        return this.batchDelete(call)
      default:
        throw new CloudbaseError('INVALID_PARAM', `action ${call.action} is not supported by the local emulator`)
    }
  }

  /** Serves the upload PUT and the temp-URL GET/HEAD; returns false for other paths. */
  handleHttp = async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    if (pathname.startsWith(STORAGE_PUT_PREFIX) && (req.method === 'PUT' || req.method === 'POST')) {
      await this.receivePut(req, res, pathname.slice(STORAGE_PUT_PREFIX.length))
      return true
    }
    if (pathname.startsWith(STORAGE_OBJECT_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
      this.serveObject(req, res, pathname.slice(STORAGE_OBJECT_PREFIX.length), query)
      return true
    }
    return false
  }

  /**
   * Stores a file as a trusted writer does (the console, demo data, tests): no permission check; the
   * type is what the bytes are, else what was declared (see trustedUploadType).
   */
  put(cloudPath: string, data: Buffer, opts: { contentType?: string; uploader?: string; invocationId?: string } = {}): StoredFile {
    const p = normalizeCloudPath(cloudPath)
    return this.store(p, data, trustedUploadType(p, data, opts.contentType), opts.uploader ?? '', opts.invocationId)
  }

  /**
   * A client's upload (wx.cloud.uploadFile; here the gateway's browser upload) under the client rule:
   * a file another user created cannot be overwritten (StorageRuleRefused); the type comes from the
   * bytes, photo folders take JPEG/PNG/WebP only (ContentRefused).
   */
  putFromClient(cloudPath: string, data: Buffer, openid: string): StoredFile {
    const p = normalizeCloudPath(cloudPath)
    const existing = this.files.get(p)
    const rule = this.opts.clientRule ?? DEFAULT_STORAGE_RULE
    if (!openid || rule.write === 'none' || (existing && existing.uploader !== openid)) {
      throw new StorageRuleRefused(`write of ${p} refused by the storage rule (only the file's creator may write it)`)
    }
    return this.store(p, data, clientUploadType(p, data), openid)
  }

  /** Whether a client (signed-in user `openid`) may read a file under the client rule (getTempFileURL). */
  clientMayRead(file: StoredFile, openid: string): boolean {
    const rule = this.opts.clientRule ?? DEFAULT_STORAGE_RULE
    return rule.read === 'all' || (rule.read === 'creator' && !!openid && file.uploader === openid)
  }

  private store(p: string, data: Buffer, contentType: string, uploader: string, invocationId?: string): StoredFile {
    const target = this.objectPath(p)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const tmp = `${target}.${randomBytes(4).toString('hex')}.uploading`
    fs.writeFileSync(tmp, data)
    fs.renameSync(tmp, target)
    const file: StoredFile = {
      fileID: makeFileId(this.opts.envId, p),
      path: p,
      size: data.length,
      contentType,
      uploader,
      invocationId,
      uploadedAt: this.now(),
    }
    this.files.set(p, file)
    this.saveIndex()
    return file
  }

  get(fileID: string): StoredFile | undefined {
    const parsed = parseFileId(fileID)
    if (!parsed || parsed.env !== this.opts.envId || parsed.bucket !== this.bucket) return undefined
    return this.files.get(parsed.path)
  }

  read(fileID: string): Buffer | undefined {
    const f = this.get(fileID)
    return f ? fs.readFileSync(this.objectPath(f.path)) : undefined
  }

  delete(fileID: string): boolean {
    const f = this.get(fileID)
    if (!f) return false
    fs.rmSync(this.objectPath(f.path), { force: true })
    this.files.delete(f.path)
    this.saveIndex()
    return true
  }

  /** A signed temporary download URL valid for maxAgeSeconds. */
  tempUrl(fileID: string, maxAgeSeconds = DEFAULT_MAX_AGE): string | undefined {
    const f = this.get(fileID)
    if (!f) return undefined
    const expires = Math.ceil(this.now() / 1000 + maxAgeSeconds)
    // unencoded, like production: the SDK applies encodeURI before fetching
    return `${this.opts.publicUrl()}${STORAGE_OBJECT_PREFIX}${this.bucket}/${f.path}?t=${expires}&sign=${this.sign(f.path, expires)}`
  }

  list(): StoredFile[] {
    return [...this.files.values()].sort((a, b) => b.uploadedAt - a.uploadedAt)
  }

  reset(): void {
    fs.rmSync(this.objectsDir, { recursive: true, force: true })
    fs.mkdirSync(this.objectsDir, { recursive: true })
    this.files.clear()
    this.pendingUploads.clear()
    this.saveIndex()
  }

  private uploadMetadata(call: AdminCall): AdminReply {
    const p = normalizeCloudPath(call.body.path)
    const token = randomBytes(16).toString('hex')
    this.pendingUploads.set(token, { path: p, uploader: call.invocation?.openid ?? '', invocationId: call.invocation?.id, expires: this.now() + UPLOAD_TOKEN_TTL_MS })
    const fileId = makeFileId(this.opts.envId, p)
    return {
      data: {
        url: `${this.opts.publicUrl()}${STORAGE_PUT_PREFIX}${token}`,
        token: `local-${token}`,
        authorization: `q-sign-algorithm=sha1&q-local=${token}`,
        fileId,
        cosFileId: `local-cos-${token}`,
        download_url: `${this.opts.publicUrl()}${STORAGE_OBJECT_PREFIX}${this.bucket}/${p}`,
      },
    }
  }

  private batchDownloadUrl(call: AdminCall): AdminReply {
    const list = call.body.file_list
    if (!Array.isArray(list)) throw new CloudbaseError('INVALID_PARAM', 'file_list must be an array')
    tooManyFiles(list.length)
    const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
      const fileID = String(item?.fileid ?? '')
      const maxAge = typeof item?.max_age === 'number' && item.max_age > 0 ? item.max_age : DEFAULT_MAX_AGE
      const url = this.tempUrl(fileID, maxAge)
      return url ? { fileID, tempFileURL: url, code: 'SUCCESS' } : { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
    })
    return { data: { download_list } }
  }

  private batchDelete(call: AdminCall): AdminReply {
    const list = call.body.fileid_list
    if (!Array.isArray(list)) throw new CloudbaseError('INVALID_PARAM', 'fileid_list must be an array')
    tooManyFiles(list.length)
    const delete_list = list.map((id) => ({ fileID: String(id), code: this.delete(String(id)) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' }))
    return { data: { delete_list } }
  }

  private async receivePut(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const pending = this.pendingUploads.get(token)
    if (!pending || pending.expires < this.now()) {
      this.pendingUploads.delete(token)
      req.resume()
      return cosError(res, 403, 'AccessDenied', 'upload token unknown or expired')
    }
    let body: Buffer
    try {
      body = await readBody(req, this.opts.maxUploadBytes ?? 50 * 1024 * 1024)
    } catch {
      return cosError(res, 413, 'EntityTooLarge', 'upload too large')
    }
    this.pendingUploads.delete(token)
    const ct = String(req.headers['content-type'] ?? '')
    this.put(pending.path, body, { contentType: ct || undefined, uploader: pending.uploader, invocationId: pending.invocationId })
    res.writeHead(200, { 'content-length': 0, etag: `"${token.slice(0, 16)}"` })
    res.end()
  }

  private serveObject(req: IncomingMessage, res: ServerResponse, rest: string, query: URLSearchParams): void {
    let decoded: string
    try {
      decoded = rest.split('/').map(decodeURIComponent).join('/')
    } catch {
      return cosError(res, 400, 'InvalidURI', 'malformed path')
    }
    const slash = decoded.indexOf('/')
    const bucket = decoded.slice(0, slash)
    const p = decoded.slice(slash + 1)
    const expires = Number(query.get('t'))
    const sign = query.get('sign') ?? ''
    if (slash < 0 || bucket !== this.bucket || !Number.isFinite(expires) || !this.verify(p, expires, sign)) {
      return cosError(res, 403, 'SignatureDoesNotMatch', 'the request signature does not match')
    }
    if (expires * 1000 < this.now()) return cosError(res, 403, 'AccessDenied', 'Request has expired')
    const f = this.files.get(p)
    if (!f) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
    let stat: fs.Stats
    try {
      stat = fs.statSync(this.objectPath(p))
    } catch {
      return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
    }
    res.writeHead(200, {
      'content-type': f.contentType,
      'content-length': stat.size,
      'cache-control': 'private, max-age=60',
      // served from the app's own origin: never sniffed into something else, never run as a page
      ...STORED_OBJECT_HEADERS,
    })
    if (req.method === 'HEAD') return void res.end()
    fs.createReadStream(this.objectPath(p)).pipe(res)
  }

  private sign(p: string, expires: number): string {
    return createHmac('sha256', this.opts.secret).update(`${this.bucket}\n${p}\n${expires}`).digest('hex').slice(0, 40)
  }

  private verify(p: string, expires: number, sign: string): boolean {
    const expected = Buffer.from(this.sign(p, expires))
    const given = Buffer.from(sign)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }

  private objectPath(p: string): string {
    const full = path.join(this.objectsDir, ...p.split('/'))
    if (!full.startsWith(this.objectsDir + path.sep)) throw new CloudbaseError('INVALID_PARAM', 'path escapes the storage directory')
    return full
  }

  private saveIndex(): void {
    const tmp = `${this.indexFile}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(this.list(), null, 1))
    fs.renameSync(tmp, this.indexFile)
  }
}

function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
