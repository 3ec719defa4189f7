import { verificationForm, type VerificationForm } from '@domain/identity/contract'
import type { Platform, RiderRole } from '@domain/user/model'

/** What the 身份认证 form holds while the rider fills it in. */
export interface FormValues {
  realName: string
  platform: Platform | ''
  riderRole: RiderRole | ''
  station: string
  platformRiderId: string
  communityId: string
  badgePhoto: string
  phoneCode: string
}

export const EMPTY_FORM: FormValues = { realName: '', platform: '', riderRole: '', station: '', platformRiderId: '', communityId: '', badgePhoto: '', phoneCode: '' }

export const FIELD_LABELS: Record<keyof FormValues, string> = {
  realName: '真实姓名',
  platform: '所在平台',
  riderRole: '从事的工作',
  station: '站点或公司',
  platformRiderId: '平台骑手编号',
  communityId: '工作所在社区',
  badgePhoto: '工牌或接单 App 截图',
  phoneCode: '手机号',
}

const REQUIRED: Partial<Record<keyof FormValues, string>> = {
  platform: '请选择所在平台',
  riderRole: '请选择从事的工作',
  communityId: '请选择工作所在社区',
  badgePhoto: '请上传工牌或接单 App 截图',
  phoneCode: '请授权手机号',
}

/** The form as the `identity.apply` input (empty optional rider id → null). */
export const toInput = (v: FormValues): VerificationForm => ({
  realName: v.realName.trim(),
  platform: v.platform as Platform,
  riderRole: v.riderRole as RiderRole,
  station: v.station.trim(),
  platformRiderId: v.platformRiderId.trim() || null,
  communityId: v.communityId,
  badgePhoto: v.badgePhoto,
  phoneCode: v.phoneCode,
})

/**
 * Checks the form with the same schema the function uses, so the messages match; answers one
 * message per field at fault (empty when the form can be sent).
 */
export function validateForm(v: FormValues, opts: { editing?: boolean } = {}): Partial<Record<keyof FormValues, string>> {
  const errors: Partial<Record<keyof FormValues, string>> = {}
  // editing a sent application: an empty photo or phone means "keep the one on file"
  const keep = (k: keyof FormValues) => opts.editing && (k === 'badgePhoto' || k === 'phoneCode')
  for (const [k, msg] of Object.entries(REQUIRED) as [keyof FormValues, string][]) if (!v[k] && !keep(k)) errors[k] = msg
  const filled = { ...v }
  if (opts.editing && !filled.badgePhoto) filled.badgePhoto = 'cloud://keep/badges/keep/keep.jpg'
  if (opts.editing && !filled.phoneCode) filled.phoneCode = 'keep'
  const res = verificationForm.safeParse(toInput(filled))
  if (!res.success) {
    for (const issue of res.error.issues) {
      const field = String(issue.path[0] ?? '') as keyof FormValues
      if (!field || errors[field]) continue
      errors[field] = describe(field, issue)
    }
  }
  return errors
}

function describe(field: keyof FormValues, issue: { code: string; message: string; minimum?: unknown; maximum?: unknown; origin?: string }): string {
  const label = FIELD_LABELS[field]
  if (issue.message && !/^(Invalid|Too|Unrecognized|Expected)/.test(issue.message)) return issue.message
  if (issue.code === 'too_small') return `「${label}」至少需要 ${String(issue.minimum)} 个字`
  if (issue.code === 'too_big') return `「${label}」不能超过 ${String(issue.maximum)} 个字`
  return `请检查「${label}」`
}

/** For the h5 demo: an 11-digit number becomes the emulator's test code. */
export const testPhoneCode = (phone: string): string => (/^1\d{10}$/.test(phone.trim()) ? `test-${phone.trim()}` : '')
