import * as z from 'zod/mini'
import { HHMM, HHMM_CLOSE } from './opening-hours'

// Opening hours as an action's input, for places, merchants and compounds: a module of its own so
// that the functions without hours do not carry it (see domain/schemas.ts).

const timeRange = z.strictObject({
  open: z.string().check(z.regex(HHMM, { error: '开门时间应为 HH:MM' })),
  close: z.string().check(z.regex(HHMM_CLOSE, { error: '关门时间应为 HH:MM（最晚 24:00）' })),
}).check(z.refine((r) => r.open !== r.close, { error: '开门和关门时间不能相同' }))

export const openingHours = z.union([
  z.strictObject({ always: z.literal(true) }),
  z.strictObject({
    always: z.literal(false),
    week: z.array(z.array(timeRange).check(z.maxLength(4, { error: '每天最多 4 个时段' }))).check(z.length(7, { error: '需要周一到周日 7 天的营业时间' })),
  }),
])
