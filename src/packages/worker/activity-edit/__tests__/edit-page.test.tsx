import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro, * as taroModule from '@tarojs/taro'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import ActivityEdit from '../index'

jest.mock('@/api', () => ({ call: jest.fn() }))
// Picker, Switch and Textarea: the stand-ins of test/app/taro-components.ts (a tap on a picker picks its first option).
const callMock = call as unknown as jest.Mock
const taro = Taro as unknown as Record<string, jest.Mock>

const places = {
  communities: [
    { id: 'c-xinheping', name: '新和平社区' },
    { id: 'c-jinzhu', name: '金祝社区' },
  ],
  items: [
    { id: 'p-wl-003', name: '新和平社区骑士加油站', communityId: 'c-xinheping', status: 'active' },
    { id: 'p-jz-001', name: '金祝社区驿站', communityId: 'c-jinzhu', status: 'active' },
  ],
}

const type = (el: Element, value: string) => fireEvent.input(el, { target: { value } })
const titleInput = () => document.querySelector('input.wa-title-input, .wa-title-input input') as HTMLInputElement
const capacityInput = () => document.querySelector('input.wa-capacity-input, .wa-capacity-input input') as HTMLInputElement
const publish = async () => {
  await act(async () => {
    fireEvent.click(screen.getByText('发布', { exact: true }))
  })
}
const creates = () => callMock.mock.calls.filter((c) => c[1] === 'create')

beforeEach(() => {
  callMock.mockReset()
  taro.redirectTo.mockClear()
})

function serve(create: () => unknown) {
  callMock.mockImplementation(async (_fn: string, action: string, input: unknown) => {
    if (action === 'listMine') return places
    if (action === 'create') return create()
    throw new Error(`unexpected ${action} ${JSON.stringify(input)}`)
  })
}

describe('ActivityEdit (new activity)', () => {
  it('an empty form shows the errors next to the fields and sends nothing; fixing a field clears its error', async () => {
    serve(() => ({ id: 'a-new' }))
    render(<ActivityEdit />)
    await screen.findByText('发布志愿活动')
    await publish()
    expect(screen.getByText('标题至少 2 个字')).toBeTruthy()
    expect(screen.getByText('请选择活动地点')).toBeTruthy()
    expect(screen.getByText('请先修改标红的内容')).toBeTruthy()
    expect(creates()).toHaveLength(0)
    await act(async () => type(titleInput(), '平安骑士 · 文晖路网格巡逻'))
    expect(screen.queryByText('标题至少 2 个字')).toBeNull()
    expect(screen.getByText('请选择活动地点')).toBeTruthy()
  })

  it('capacity must be a whole number of at least 1', async () => {
    serve(() => ({ id: 'a-new' }))
    render(<ActivityEdit />)
    await screen.findByText('发布志愿活动')
    await act(async () => type(titleInput(), '平安骑士 · 文晖路网格巡逻'))
    await act(async () => fireEvent.click(screen.getByText('选择本社区的驿站或点位')))
    await act(async () => type(capacityInput(), '0'))
    await publish()
    expect(screen.getByText('名额至少 1 人')).toBeTruthy()
    expect(creates()).toHaveLength(0)
  })

  it('a valid form creates the activity in the first community at the chosen place and opens it', async () => {
    serve(() => ({ id: 'a-new' }))
    render(<ActivityEdit />)
    await screen.findByText('发布志愿活动')
    await act(async () => fireEvent.click(screen.getByText('助老')))
    await act(async () => type(titleInput(), '  助老专送 · 午餐送到家  '))
    await act(async () => fireEvent.click(screen.getByText('选择本社区的驿站或点位')))
    expect(screen.getByText('新和平社区骑士加油站')).toBeTruthy()
    await act(async () => type(capacityInput(), '2'))
    await publish()
    await waitFor(() => expect(creates()).toHaveLength(1))
    const input = creates()[0][2] as Record<string, unknown>
    expect(input).toMatchObject({ type: 'elderly', title: '助老专送 · 午餐送到家', communityId: 'c-xinheping', where: { placeId: 'p-wl-003' }, capacity: 2, verifiedOnly: true })
    expect((input.endAt as number) - (input.startAt as number)).toBe(2 * 3_600_000)
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/activity/index?id=a-new' }))
  })

  it('switching the community clears the place; a refusal of the function shows at its field', async () => {
    serve(() => {
      throw new AppError('VALIDATION', '开始时间需要晚于现在', { field: 'startAt' })
    })
    render(<ActivityEdit />)
    await screen.findByText('发布志愿活动')
    await act(async () => type(titleInput(), '平安骑士 · 夜巡'))
    await act(async () => fireEvent.click(screen.getByText('选择本社区的驿站或点位')))
    await act(async () => fireEvent.click(screen.getByText('金祝社区')))
    expect(screen.getByText('选择本社区的驿站或点位')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByText('选择本社区的驿站或点位')))
    expect(screen.getByText('金祝社区驿站')).toBeTruthy()
    await publish()
    await waitFor(() => expect(screen.getAllByText('开始时间需要晚于现在')).toHaveLength(2))
    expect(taro.redirectTo).not.toHaveBeenCalled()
  })
})

describe('ActivityEdit (editing)', () => {
  afterEach(() => jest.restoreAllMocks())

  it('loads the activity, keeps type, community and place, and sends only a patch', async () => {
    jest.spyOn(taroModule, 'useRouter').mockReturnValue({ params: { id: 'a1' }, path: '' } as never)
    const start = Date.parse('2030-05-01T19:00:00+08:00')
    const existing = {
      id: 'a1', type: 'course', title: '骑士学院 · 电动车消防', description: '', communityId: 'c-xinheping', placeName: '新和平社区骑士加油站',
      startAt: new Date(start).toISOString(), endAt: new Date(start + 2 * 3_600_000).toISOString(), day: '2030-05-01', capacity: 30, placesLeft: 30, waitlisted: 0,
      verifiedOnly: false, signupOpen: true, status: 'open', mine: null, address: '', location: [120.17, 30.29], signupDeadline: '', cancelDeadline: '', cancelReason: null, pointsRule: '', pointsPerHour: 10, my: null,
    }
    callMock.mockImplementation(async (_fn: string, action: string) => {
      if (action === 'listMine') return places
      if (action === 'detail') return existing
      if (action === 'update') return { ...existing, capacity: 40 }
      throw new Error(`unexpected ${action}`)
    })
    render(<ActivityEdit />)
    await screen.findByText('编辑活动')
    // the heading shows at once; the fields fill when the activity arrives
    await waitFor(() => expect(titleInput().value).toBe('骑士学院 · 电动车消防'))
    expect(screen.getByText('类型发布后不能修改')).toBeTruthy()
    expect(screen.getByText('新和平社区骑士加油站')).toBeTruthy()
    await act(async () => type(capacityInput(), '40'))
    await act(async () => {
      fireEvent.click(screen.getByText('保存', { exact: true }))
    })
    await waitFor(() => expect(callMock.mock.calls.some((c) => c[1] === 'update')).toBe(true))
    const input = callMock.mock.calls.find((c) => c[1] === 'update')![2] as { id: string; patch: Record<string, unknown> }
    expect(input.id).toBe('a1')
    expect(input.patch).toMatchObject({ title: '骑士学院 · 电动车消防', capacity: 40, startAt: start, endAt: start + 2 * 3_600_000, verifiedOnly: false })
    expect(input.patch).not.toHaveProperty('where')
    expect(input.patch).not.toHaveProperty('type')
  })
})
