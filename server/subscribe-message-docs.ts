import type { FnName } from '../domain/contract'
import type { SubscriptionKind } from '../domain/user/settings'

/**
 * What the README says of each subscribe message (server/subscribe-messages.ts), and what the
 * console setup needs: not in the table the functions carry, which every sending bundle holds whole.
 */
export interface SubscribeMessageDoc {
  /** the function that sends it (its environment needs the settings, and so does `user`) */
  sentBy: FnName
  /** when it is sent */
  purpose: string
  /** a public-library template title to look for (templates asked for together need distinct titles) */
  title: string
}

export const SUBSCRIBE_MESSAGE_DOCS: Record<SubscriptionKind, SubscribeMessageDoc> = {
  identityReview: { sentBy: 'identity', purpose: '身份认证审核有了结果（通过、驳回、撤销）', title: '审核结果通知' },
  suggestionStatus: { sentBy: 'suggestions', purpose: '微事我言：你反映或「我也遇到」的问题有了进展（受理、办理、办结、转办…）', title: '问题处理进度通知' },
  volunteerPromoted: { sentBy: 'volunteer', purpose: '候补转正：活动有了空位，你已报上名', title: '活动报名成功通知' },
  volunteerCancelled: { sentBy: 'volunteer', purpose: '你报名的活动被社区取消', title: '活动取消通知' },
  volunteerReminder: { sentBy: 'volunteer', purpose: '活动前一天提醒（定时任务）', title: '活动开始提醒' },
  pointsExpiry: { sentBy: 'points', purpose: '积分 30 天内到期（定时任务）', title: '积分到期提醒' },
}
