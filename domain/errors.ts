/**
 * The one error type shared by the app and the cloud functions. Every failure a person can see
 * carries a stable code (for programs) and a Chinese message (for people).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SOLD_OUT',
  'INSUFFICIENT_POINTS',
  'LIMIT_REACHED',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'NOTICE_REQUIRED',
  'EXPIRED',
  'NETWORK',
  'TIMEOUT',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** Default messages; actions usually pass a more specific one. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到相关内容，可能已被删除',
  CONFLICT: '操作冲突，请刷新后重试',
  SOLD_OUT: '已兑完，下次早点来',
  INSUFFICIENT_POINTS: '积分不足',
  LIMIT_REACHED: '已达到兑换上限',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后再提交',
  NOTICE_REQUIRED: '同意《小哥驿站个人信息保护说明》后才能使用此功能',
  EXPIRED: '已过期，请刷新后重试',
  NETWORK: '网络不太好，请检查网络后重试',
  TIMEOUT: '服务响应超时，请稍后重试',
  INTERNAL: '服务开小差了，请稍后再试',
}

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** dotted path of the input field at fault, for VALIDATION errors */
  field?: string
  /** request id of the failed call, so a person can quote it to support */
  requestId?: string
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly requestId?: string

  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], extra: { field?: string; requestId?: string } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = extra.field
    this.requestId = extra.requestId
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message }
    if (this.field) body.field = this.field
    if (this.requestId) body.requestId = this.requestId
    return body
  }

  static fromBody(body: ErrorBody): AppError {
    const code = (ERROR_CODES as readonly string[]).includes(body.code) ? body.code : 'INTERNAL'
    return new AppError(code, body.message || DEFAULT_MESSAGES[code], { field: body.field, requestId: body.requestId })
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
