import type { UserDoc, Verification } from '../../domain/user/model'
import { makeFileId } from '../../emulator/storage/fileid'

/**
 * Demo verification data (身份认证): verified riders with masked phones, and two pending applications
 * for 陈主任's review queue. No ID numbers, no full phone numbers: what the functions would keep.
 */
const ENV_ID = 'local-dev'
const at = (s: string) => new Date(`${s}+08:00`)

/** Cloud path of a demo badge picture (uploaded by scripts/start.ts with the demo data). */
export const demoBadgePath = (openid: string) => `badges/${openid}/demo-badge.svg`
const badge = (openid: string) => makeFileId(ENV_ID, demoBadgePath(openid))

const verified = (riderId: string, v: Omit<Verification, 'status' | 'riderId' | 'passVersion'>): Verification => ({
  status: 'verified',
  riderId,
  passVersion: 0,
  ...v,
})

export const demoVerifications: Record<string, Verification> = {
  'demo-rider-zhang': verified('rDemoZhang01', {
    realName: '张建国',
    platform: '美团',
    riderRole: '外卖',
    station: '美团外卖文晖站',
    platformRiderId: 'MT20231107',
    communityId: 'c-xinheping',
    // photo deleted after the retention period that follows the review decision
    badgePhoto: null,
    phoneMasked: '138****5621',
    submittedAt: at('2026-09-02T10:12:00'),
    reviewedAt: at('2026-09-02T15:40:00'),
    reviewedBy: 'demo-worker-chen',
    rejectReason: null,
  }),
  'demo-rider-wang': verified('rDemoWang001', {
    realName: '王秀英',
    platform: '饿了么',
    riderRole: '外卖',
    station: '饿了么北山站',
    platformRiderId: null,
    communityId: 'c-jinzhu',
    badgePhoto: null,
    phoneMasked: '139****0873',
    submittedAt: at('2026-09-03T09:05:00'),
    reviewedAt: at('2026-09-03T11:20:00'),
    reviewedBy: 'demo-worker-chen',
    rejectReason: null,
  }),
  'demo-rider-zhao': verified('rDemoZhao001', {
    realName: '赵志强',
    platform: '闪送',
    riderRole: '跑腿',
    station: '闪送西溪服务点',
    platformRiderId: 'SS88213',
    communityId: 'c-xixi',
    badgePhoto: null,
    phoneMasked: '186****3340',
    submittedAt: at('2026-09-05T14:30:00'),
    reviewedAt: at('2026-09-05T17:02:00'),
    reviewedBy: 'demo-admin-sun',
    rejectReason: null,
  }),
}

const created = at('2026-09-10T08:00:00')

/** Riders (not demo personas) waiting in the review queue of 新和平社区 and 金祝社区. */
export const demoApplicants: UserDoc[] = [
  {
    _id: 'demo-applicant-qian',
    nickname: '钱师傅',
    roles: ['rider'],
    workerCommunityIds: [],
    verification: {
      status: 'pending',
      riderId: 'rDemoQian001',
      realName: '钱海峰',
      platform: '京东',
      riderRole: '快递',
      station: '京东物流文晖营业部',
      platformRiderId: null,
      communityId: 'c-xinheping',
      badgePhoto: badge('demo-applicant-qian'),
      phoneMasked: '152****7716',
      submittedAt: at('2026-09-12T08:41:00'),
      reviewedAt: null,
      reviewedBy: null,
      rejectReason: null,
      passVersion: 0,
    },
    createdAt: created,
    updatedAt: created,
  },
  {
    _id: 'demo-applicant-sun',
    nickname: '小孙',
    roles: ['rider'],
    workerCommunityIds: [],
    verification: {
      status: 'pending',
      riderId: 'rDemoSunXm01',
      realName: '孙小明',
      platform: 'UU跑腿',
      riderRole: '跑腿',
      station: 'UU跑腿拱墅站',
      platformRiderId: 'UU556712',
      communityId: 'c-jinzhu',
      badgePhoto: badge('demo-applicant-sun'),
      phoneMasked: '177****2045',
      submittedAt: at('2026-09-12T19:03:00'),
      reviewedAt: null,
      reviewedBy: null,
      // a re-application after a rejection
      rejectReason: '照片看不清工牌上的平台标识，请重新拍摄',
      passVersion: 0,
    },
    createdAt: created,
    updatedAt: created,
  },
]

/** A small SVG "work badge" per pending applicant, so the reviewer has a photo to open. */
export function demoBadgeFiles(): { path: string; data: Buffer; contentType: string; uploader: string }[] {
  return demoApplicants.map((u) => {
    const v = u.verification
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="300" viewBox="0 0 480 300"><rect width="480" height="300" rx="24" fill="#fff3e6" stroke="#ff7a00" stroke-width="6"/><text x="40" y="80" font-size="34" fill="#ff7a00" font-family="sans-serif">${v.platform} · 工作证（演示）</text><text x="40" y="160" font-size="44" fill="#333" font-family="sans-serif">${v.realName}</text><text x="40" y="220" font-size="26" fill="#666" font-family="sans-serif">${v.station}</text></svg>`
    return { path: demoBadgePath(u._id), data: Buffer.from(svg, 'utf8'), contentType: 'image/svg+xml', uploader: u._id }
  })
}
