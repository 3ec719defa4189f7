import Taro from '@tarojs/taro'
import { call } from '@/api'
import { lastAnswer, REMEMBERED } from '@/api/cache'
import { contract } from '@domain/contract'

const storage = Taro as unknown as { getStorageSync: jest.Mock; setStorageSync: jest.Mock }
const store = new Map<string, unknown>()
const fetchMock = jest.fn()

const nearby = { longitude: 120.16962, latitude: 30.27489, radius: 5000 }
const answer = (items: unknown[]) => ({ items, next: null })
const respond = (data: unknown) => ({ status: 200, text: async () => JSON.stringify({ ok: true, data }) })

function signedInAs(key: string | null): void {
  document.cookie = key === null ? 'xgyz_caller=; max-age=0' : `xgyz_caller=${key}`
}

beforeEach(() => {
  store.clear()
  storage.getStorageSync.mockReset().mockImplementation((k: string) => (store.has(k) ? store.get(k) : ''))
  storage.setStorageSync.mockReset().mockImplementation((k: string, v: unknown) => void store.set(k, JSON.parse(JSON.stringify(v))))
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  signedInAs('caller-a')
})

test('a main list answer is kept for its caller and input, and shown again', async () => {
  fetchMock.mockResolvedValue(respond(answer([{ id: 'p-1' }])))
  expect(lastAnswer('places', 'nearby', nearby)).toBeUndefined()
  await call('places', 'nearby', nearby)
  expect(lastAnswer('places', 'nearby', nearby)?.data).toEqual(answer([{ id: 'p-1' }]))
  // another query of the same list is not answered with this one
  expect(lastAnswer('places', 'nearby', { ...nearby, openNow: true })).toBeUndefined()
})

test('personas never see each other’s answers; without a caller key nothing is kept', async () => {
  fetchMock.mockResolvedValue(respond({ balance: 120, expiringSoon: null }))
  await call('points', 'balance', {})
  signedInAs('caller-b')
  expect(lastAnswer('points', 'balance', {})).toBeUndefined()
  signedInAs('caller-a')
  expect(lastAnswer('points', 'balance', {})?.data).toMatchObject({ balance: 120 })
  signedInAs(null)
  store.clear()
  await call('points', 'balance', {})
  expect(store.size).toBe(0)
})

test('writes, sensitive reads and later pages are never kept', async () => {
  fetchMock.mockResolvedValue(respond({ ok: true }))
  await call('places', 'checkIn', { placeId: 'p-1', longitude: 120.1, latitude: 30.2 } as never)
  await call('user', 'me', {})
  fetchMock.mockResolvedValue(respond(answer([])))
  await call('points', 'history', { before: 'cursor-1' } as never)
  expect(store.size).toBe(0)
})

test('every kept action is an action of the contract (a rename cannot silently stop the cache)', () => {
  for (const name of REMEMBERED) {
    const [fn, action] = name.split('.')
    expect(Object.keys((contract as Record<string, object>)[fn] ?? {})).toContain(action)
  }
})
