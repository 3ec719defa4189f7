import { demoActivities } from './volunteer'
import { demoPlaces } from './places'
import { createActivityInput } from '../../domain/volunteer/contract'

describe('demo activities', () => {
  const now = new Date('2026-11-23T10:00:00+08:00')
  const acts = demoActivities(now)

  it('are all upcoming, open for sign-up, and start empty', () => {
    for (const a of acts) {
      expect(a.signupDeadline.getTime()).toBeGreaterThan(now.getTime())
      expect(a.cancelDeadline.getTime()).toBeLessThanOrEqual(a.signupDeadline.getTime())
      expect(a.endAt.getTime()).toBeGreaterThan(a.startAt.getTime())
      expect({ seq: a.seq, signedUp: a.signedUp, waitlisted: a.waitlisted, status: a.status }).toEqual({ seq: 0, signedUp: 0, waitlisted: 0, status: 'open' })
    }
  })

  it('sit at demo places of their own community', () => {
    for (const a of acts) {
      const place = demoPlaces.find((p) => p._id === a.placeId)!
      expect(a.communityId).toBe(place.communityId)
      expect(a.location).toEqual(place.location)
    }
  })

  it('are what a worker could have created through the function', () => {
    for (const a of acts) {
      const input = {
        type: a.type,
        title: a.title,
        description: a.description,
        communityId: a.communityId,
        where: { placeId: a.placeId! },
        startAt: a.startAt.getTime(),
        endAt: a.endAt.getTime(),
        capacity: a.capacity,
        verifiedOnly: a.verifiedOnly,
        ...(a.pointsPerHour !== undefined && { pointsPerHour: a.pointsPerHour }),
      }
      expect(createActivityInput.safeParse(input).success).toBe(true)
    }
  })
})
