import type { CommunityDoc, CommunityView } from '../domain/identity/model'
import type { Database } from './cloud'
import { COMMUNITIES } from './collections'


export const toCommunityView = (c: CommunityDoc): CommunityView => ({
  id: c._id,
  name: c.name,
  street: c.street,
  district: c.district,
  centre: c.centre ? { longitude: c.centre.longitude, latitude: c.centre.latitude } : null,
})

const createdAt = (c: CommunityDoc) => (c.createdAt ? new Date(c.createdAt).getTime() : 0)

/**
 * Every community of the district (a district has tens, never a thousand), oldest first: the first
 * community set up is the district's "home" (where the map opens). One read; sorted here because
 * communities made before `createdAt` was recorded have none (they count as oldest, by id).
 */
export async function allCommunities(db: Database): Promise<CommunityDoc[]> {
  const res = (await db.collection(COMMUNITIES).limit(1000).get()) as unknown as { data: CommunityDoc[] }
  return res.data.sort((a, b) => createdAt(a) - createdAt(b) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}

/**
 * The district's home — where the map opens: the centre of the first community (oldest first) that
 * has one; null while none has. `user.settings` shows it, `places.nearby` looks around it.
 */
export function districtHome(communities: CommunityDoc[]): { longitude: number; latitude: number } | null {
  const c = communities.find((x) => x.centre)
  return c?.centre ? { longitude: c.centre.longitude, latitude: c.centre.latitude } : null
}
