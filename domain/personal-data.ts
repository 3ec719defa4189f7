/**
 * Where each collection keeps references to a person, and what export and 注销 do with them: the
 * one table the privacy notice, `user.exportMine` and the deletion job read. Every collection in
 * `database/*.json` has an entry (a test derives the list from those files), so a new collection
 * cannot hold personal data unnoticed.
 *
 * A finder is one equality query on an indexed field: `of: 'openid'` (default) matches the person's
 * openid, `of: 'riderId'` their opaque rider id. Documents found through a finder that is about the
 * person's own data are exported whole but for `hide` (other people's ids); documents found through
 * a reference the person left on someone else's data (staff who reviewed, created, checked) are
 * exported as `pick` only, so an export never carries another person's data.
 *
 * `erase` says what 注销 does with the documents a finder finds:
 * - `delete`: the document goes;
 * - `unlink`: the field (or, in an array, the person's entry) is replaced by a random pseudonym that
 *   no table maps back, and every other string in the document that contains the openid likewise
 *   (keys, source references); the document stays for the others it belongs to (sums, posts);
 * - `custom`: the deletion job treats it wholly in code (sign-ups, balances, merchants, the users
 *   document, the request itself); `unlink` runs after those steps (suggestions lose their photos first).
 */
export interface Finder {
  field: string
  of?: 'openid' | 'riderId'
  /** the person's own data: exported whole minus these paths */
  hide?: readonly string[]
  /** someone else's data the person is named on: only these paths are exported */
  pick?: readonly string[]
  erase: 'delete' | 'unlink' | 'custom'
}

export interface CollectionRule {
  /** for the notice: what of the person it holds, in plain words */
  holds: string
  /** for the notice: how long */
  retention: string
  /** for the export page */
  title: string
  find: readonly Finder[]
}

export const STAFF_RECORD = '（工作记录）'

export const PERSONAL_DATA = {
  users: {
    title: '账号与认证资料',
    holds: '微信用户标识（openid）、昵称、角色；认证时的姓名、平台、站点、打码手机号、工牌照片',
    retention: '账号注销后删除',
    find: [
      { field: '_id', hide: ['verification.reviewedBy', 'verification.realName', 'verification.badgePhoto'], erase: 'custom' },
      { field: 'verification.reviewedBy', pick: ['verification.riderId', 'verification.status', 'verification.reviewedAt'], erase: 'unlink' },
    ],
  },
  consents: {
    title: '隐私说明同意记录',
    holds: '你同意本说明的版本、时间及位置/手机号/照片各项的选择',
    retention: '账号注销后删除',
    find: [{ field: '_id', erase: 'delete' }],
  },
  balances: {
    title: '积分余额',
    holds: '积分余额及其到期批次',
    retention: '账号注销后不再关联到你（只保留金额用于对账）',
    find: [{ field: '_id', erase: 'custom' }],
  },
  ledger: {
    title: '积分明细',
    holds: '积分获得与兑换明细',
    retention: '账号注销后不再关联到你（只保留金额用于对账）',
    find: [
      { field: 'userId', hide: ['by'], erase: 'unlink' },
      { field: 'by', pick: ['delta', 'reason', 'at', 'note'], erase: 'unlink' },
      { field: 'voucher.merchantId', pick: ['voucher.code', 'voucher.itemTitle', 'voucher.price', 'at'], erase: 'unlink' },
    ],
  },
  checkins: {
    title: '到站签到',
    holds: '在哪个地点、哪天签到、与地点的距离（不保存你自己的坐标）',
    retention: '账号注销后删除',
    find: [{ field: 'userId', erase: 'delete' }],
  },
  placeReports: {
    title: '地点状态反馈',
    holds: '你反馈的地点实时状态',
    retention: '账号注销后删除（地点上只保留不署名的最近状态）',
    find: [{ field: 'userId', erase: 'delete' }],
  },
  suggestions: {
    title: '微事我言',
    holds: '你反映的问题：文字、照片、位置；你附议过的问题',
    retention: '账号注销后照片删除，公开内容显示为「已注销用户」',
    find: [
      { field: 'reporterId', hide: ['joiners', 'timeline.actorId', 'reporterName'], erase: 'unlink' },
      { field: 'joiners', pick: ['_id', 'category', 'status', 'communityId', 'createdAt'], erase: 'unlink' },
      { field: 'timeline.actorId', pick: ['_id', 'category', 'status', 'communityId', 'createdAt'], erase: 'unlink' },
    ],
  },
  signups: {
    title: '志愿活动报名与服务时长',
    holds: '志愿活动报名、签到签退与服务时长',
    retention: '账号注销后删除（未开始的报名先取消，候补依次递补）',
    find: [{ field: 'userId', erase: 'custom' }],
  },
  vouchers: {
    title: '兑换券使用记录',
    holds: '兑换券的使用或取消记录',
    retention: '账号注销后作废并不再关联到你',
    find: [
      { field: 'userId', hide: ['by'], erase: 'unlink' },
      { field: 'merchantId', pick: ['_id', 'status', 'itemTitle', 'price', 'at'], erase: 'unlink' },
      { field: 'by', pick: ['_id', 'status', 'itemTitle', 'at'], erase: 'unlink' },
    ],
  },
  merchants: {
    title: '爱心商家资料',
    holds: '爱心商家申请资料、营业执照照片、联系电话',
    retention: '账号注销后删除，店铺与兑换品交由社区工作人员管理',
    find: [
      { field: '_id', hide: ['reviewedBy', 'licencePhoto'], erase: 'custom' },
      { field: 'reviewedBy', pick: ['shopName', 'status', 'reviewedAt'], erase: 'unlink' },
    ],
  },
  mallItems: {
    title: '发布的兑换品',
    holds: '爱心商家或工作人员发布的兑换品',
    retention: '账号注销后交由社区工作人员管理',
    find: [
      { field: 'merchantId', pick: ['_id', 'title', 'price', 'status', 'communityId', 'createdAt'], erase: 'custom' },
      { field: 'createdBy', pick: ['_id', 'title', 'communityId', 'createdAt'], erase: 'unlink' },
    ],
  },
  mediaChecks: {
    title: '图片内容安全检测',
    holds: '你上传的图片的内容安全检测结果',
    retention: '账号注销后删除',
    find: [{ field: 'openid', pick: ['status', 'requestedAt', 'resolvedAt', 'target.collection'], erase: 'delete' }],
  },
  passChecks: {
    title: '小哥码核验记录',
    holds: '你的小哥码被核验的时间与结果；你核验他人小哥码的记录',
    retention: '账号注销后删除或不再关联到你',
    find: [
      { field: 'riderId', of: 'riderId', pick: ['at', 'checkerRoles', 'result'], erase: 'delete' },
      { field: 'checker', pick: ['at', 'riderId', 'result'], erase: 'unlink' },
    ],
  },
  auditLog: {
    title: '工作人员查看你的信息的记录',
    holds: '工作人员何时、以什么角色查看或处理你的个人信息；工作人员自己的处理记录',
    retention: '保存期满后删除；账号注销后不再关联到你',
    find: [
      { field: 'subject', pick: ['at', 'actorRoles', 'action', 'fields'], erase: 'unlink' },
      { field: 'subjects', pick: ['at', 'actorRoles', 'action', 'fields'], erase: 'unlink' },
      { field: 'actor', pick: ['at', 'action', 'riderId', 'communityId', 'fields'], erase: 'unlink' },
    ],
  },
  invites: {
    title: '邀请码',
    holds: '管理员生成或你使用过的邀请码',
    retention: '账号注销后不再关联到你',
    find: [
      { field: 'createdBy', pick: ['kind', 'communityIds', 'createdAt', 'expiresAt', 'usedAt'], erase: 'unlink' },
      { field: 'usedBy', pick: ['kind', 'communityIds', 'usedAt'], erase: 'unlink' },
    ],
  },
  places: {
    title: '添加的地点',
    holds: '工作人员添加的地点（只记录由谁添加）',
    retention: '账号注销后不再关联到你',
    find: [{ field: 'createdBy', pick: ['_id', 'name', 'kind', 'createdAt'], erase: 'unlink' }],
  },
  activities: {
    title: '发布的志愿活动',
    holds: '工作人员发布的志愿活动（只记录由谁发布）',
    retention: '账号注销后不再关联到你',
    find: [{ field: 'createdBy', pick: ['_id', 'title', 'communityId', 'startAt', 'status'], erase: 'unlink' }],
  },
  deletions: {
    title: '注销申请',
    holds: '你的注销申请：申请时间、到期时间',
    retention: '注销完成时删除，只留下不含任何身份信息的处理记录',
    find: [{ field: '_id', erase: 'custom' }],
  },
  communities: {
    title: '添加的社区',
    holds: '管理员添加的社区（只记录由谁添加）',
    retention: '账号注销后不再关联到你',
    find: [{ field: 'createdBy', pick: ['_id', 'name', 'createdAt'], erase: 'unlink' }],
  },
  statsDaily: {
    title: '社区每日统计',
    holds: '不含任何个人信息：只有每个社区每天的认证、反映、签到、志愿服务、积分、兑换与核销等计数（兑换品按编号和名称、爱心商家按公开编号计数，不含 openid）',
    retention: '长期保存，用于社区工作统计',
    find: [],
  },
  compounds: {
    title: '小区通行指引（工作记录）',
    holds: '社区工作者最后修改小区门、楼、泊位的记录（只记录由谁修改）',
    retention: '账号注销后不再关联到你',
    find: [{ field: 'updatedBy', pick: ['_id', 'name', 'updatedAt'], erase: 'unlink' }],
  },
  compoundFlags: {
    title: '小区通行反馈',
    holds: '你对小区的门、楼号、泊位的反馈；工作人员处理反馈的记录',
    retention: '账号注销后删除或不再关联到你（小区上只保留不署名的最近状态）',
    find: [
      { field: 'userId', hide: ['handledBy'], erase: 'delete' },
      { field: 'handledBy', pick: ['compoundName', 'targetLabel', 'kind', 'status', 'handledAt'], erase: 'unlink' },
    ],
  },
  gateEntries: {
    title: '门岗进门计数',
    holds: '不含个人信息：每个门每天登记进门的次数',
    retention: '不关联到任何人',
    find: [],
  },
  messageOutbox: {
    title: '订阅消息发送记录',
    holds: '发给你的订阅消息（审核结果、反映进展、候补成功等）的内容与发送状态',
    retention: '生成 7 天后删除；账号注销后删除',
    find: [{ field: 'userId', erase: 'delete' }],
  },
} as const satisfies Record<string, CollectionRule>

export type PersonalCollection = keyof typeof PERSONAL_DATA
// pure: a function bundle that needs only a retention constant of privacy.ts then carries none of this table
export const PERSONAL_COLLECTIONS = /* @__PURE__ */ Object.keys(PERSONAL_DATA) as PersonalCollection[]

/** One collection in the record of processing activities (PIPL art. 54/55 audits; the admins' export). */
export interface ProcessingActivity {
  collection: string
  title: string
  holds: string
  retention: string
  /** the fields through which a document names a person, and what 注销 does to each */
  references: { field: string; identifies: 'openid' | 'riderId'; onDeletion: string }[]
}

const ON_DELETION: Record<Finder['erase'], string> = {
  delete: '删除',
  unlink: '改为无法回溯的化名，记录保留',
  custom: '由注销任务专门处理（作废、取消、移交或删除）',
}

/** The record of processing activities, read off the table: it cannot drift from what the code does. */
export function processingActivities(): ProcessingActivity[] {
  return PERSONAL_COLLECTIONS.map((collection) => {
    const rule: CollectionRule = PERSONAL_DATA[collection]
    return {
      collection,
      title: rule.title,
      holds: rule.holds,
      retention: rule.retention,
      references: rule.find.map((f) => ({ field: f.field, identifies: f.of ?? 'openid', onDeletion: ON_DELETION[f.erase] })),
    }
  })
}
