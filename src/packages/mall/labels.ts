import type { VoucherStatus } from '@domain/mall/model'
import type { TagTone } from '@/components/Tag'

export const STATUS_TONE: Record<VoucherStatus, TagTone> = { active: 'success', used: 'default', cancelled: 'default', expired: 'warning' }
