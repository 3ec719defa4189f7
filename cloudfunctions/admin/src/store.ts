import type { CommunityDoc, InviteDoc, InviteView, StaffView } from '../../../domain/entities/identity'
import type { UserDoc } from '../../../domain/entities/user'
import { AppError } from '../../../domain/errors'
import type { Database } from '../../../server/cloud'
import { COMMUNITIES } from '../../../server/collections'


export async function communityNames(db: Database): Promise<Map<string, string>> {
  const res = (await db.collection(COMMUNITIES).limit(1000).get()) as unknown as { data: CommunityDoc[] }
  return new Map(res.data.map((c) => [c._id, c.name]))
}

/** Refuses community ids that do not exist (field `communityIds`). */
export async function requireCommunities(db: Database, ids: string[]): Promise<Map<string, string>> {
  const names = await communityNames(db)
  const missing = ids.find((id) => !names.has(id))
  if (missing) throw new AppError('VALIDATION', `找不到社区「${missing}」`, { field: 'communityIds' })
  return names
}

export const toStaffView = (u: UserDoc, names: Map<string, string>): StaffView => ({
  userId: u._id,
  nickname: u.nickname,
  roles: u.roles,
  workerCommunityIds: u.workerCommunityIds,
  communityNames: u.workerCommunityIds.map((id) => names.get(id) ?? id),
})

export const toInviteView = (i: InviteDoc): InviteView => ({
  code: i.code,
  kind: i.kind,
  communityIds: i.communityIds,
  note: i.note,
  expiresAt: new Date(i.expiresAt).toISOString(),
  used: !!i.usedBy,
})

/** The roles and scope after granting `kind` (worker: adds communities). */
export function withGrant(u: Pick<UserDoc, 'roles' | 'workerCommunityIds'>, kind: 'worker' | 'admin', communityIds: string[]) {
  const roles = u.roles.includes(kind) ? u.roles : [...u.roles, kind]
  const workerCommunityIds = kind === 'worker' ? [...new Set([...u.workerCommunityIds, ...communityIds])] : u.workerCommunityIds
  return { roles, workerCommunityIds }
}

/** The roles and scope after revoking `kind` (worker with communities: only those; none left → no role). */
export function withRevoke(u: Pick<UserDoc, 'roles' | 'workerCommunityIds'>, kind: 'worker' | 'admin', communityIds: string[] | undefined) {
  if (kind === 'admin') return { roles: u.roles.filter((r) => r !== 'admin'), workerCommunityIds: u.workerCommunityIds }
  const left = communityIds?.length ? u.workerCommunityIds.filter((id) => !communityIds.includes(id)) : []
  return { roles: left.length ? u.roles : u.roles.filter((r) => r !== 'worker'), workerCommunityIds: left }
}
