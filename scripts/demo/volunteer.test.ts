import { demoActivities, demoPastServices } from './volunteer'
import { demoLedger } from './points'
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

describe('demo services already done', () => {
  const { activities, signups } = demoPastServices()
  const { ledger } = demoLedger()

  it('give the 平安骑士 persona 王姐 a volunteer record of patrols', () => {
    const wang = signups.filter((s) => s.userId === 'demo-rider-wang')
    expect(wang.length).toBeGreaterThanOrEqual(2)
    expect(wang.every((s) => s.counted && s.serviceMinutes > 0 && s.type === 'patrol' && s.title.startsWith('平安骑士'))).toBe(true)
  })

  it('are past, counted sign-ups of their activities, whose awards are in the ledger as volunteer.checkOut writes them', () => {
    const now = new Date('2026-11-23T10:00:00+08:00')
    for (const s of signups) {
      const a = activities.find((x) => x._id === s.activityId)!
      expect(a.endAt.getTime()).toBeLessThan(now.getTime())
      expect(s._id).toBe(`${a._id}_${s.userId}`)
      expect(s.serviceMinutes).toBe((a.endAt.getTime() - a.startAt.getTime()) / 60_000)
      const entry = ledger.find((e) => e.sourceRef === s._id)!
      expect(entry).toMatchObject({ userId: s.userId, reason: 'volunteerHours', delta: s.pointsAwarded, idempotencyKey: `volunteerHours:${s._id}`, at: s.checkedOutAt })
    }
    // every volunteerHours entry of the ledger belongs to one of these sign-ups
    expect(ledger.filter((e) => e.reason === 'volunteerHours').map((e) => e.sourceRef).sort()).toEqual(signups.map((s) => s._id).sort())
  })
})
