import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro, * as taroModule from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { MeView } from '@domain/user/model'
import { call } from '@/api'
import MePage from '@/pages/me/index'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock
// `@tarojs/taro` is test/app/taro.ts in this project (jest.config.js); its test handle is not in Taro's types.
const taroTestApi = (taroModule as unknown as { taroTest: { pullDown: () => Promise<void>; reset: () => void } }).taroTest

const view = (over: Partial<MeView> = {}): MeView => ({
  nickname: '骑手 张师傅',
  roles: ['rider'],
  workerCommunityIds: [],
  verification: { status: 'verified' },
  isNew: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...over,
})

type FakeResponse = { ok: boolean; status: number; json: () => Promise<unknown> }
const fetchMock = jest.fn<Promise<FakeResponse>, [string, RequestInit?]>()
const json = (body: unknown, status = 200): FakeResponse => ({ ok: status < 400, status, json: async () => body })

beforeEach(() => {
  callMock.mockReset()
  fetchMock.mockReset()
  taroTestApi.reset()
  ;(Taro.navigateTo as jest.Mock).mockClear()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

describe('我的 page', () => {
  it('shows the nickname, role tags and verification status from user.me', async () => {
    callMock.mockResolvedValue(view())
    render(<MePage />)
    expect(await screen.findByText('骑手 张师傅')).toBeTruthy()
    expect(screen.getByText('骑手')).toBeTruthy()
    expect(screen.getByText('已认证')).toBeTruthy()
    expect(callMock).toHaveBeenCalledWith('user', 'me', {})
    // riders get 数据与隐私 but no workbench
    expect(screen.getByText('我的数据与隐私')).toBeTruthy()
    expect(screen.queryByText('社区工作台')).toBeNull()
  })

  it('shows 未认证 and every role; workers and admins get the workbench entry', async () => {
    callMock.mockResolvedValue(view({ nickname: '陈主任', roles: ['worker', 'admin'], verification: { status: 'unverified' } }))
    render(<MePage />)
    expect(await screen.findByText('陈主任')).toBeTruthy()
    expect(screen.getByText('社区工作者')).toBeTruthy()
    expect(screen.getByText('管理员')).toBeTruthy()
    expect(screen.getByText('未认证')).toBeTruthy()
    fireEvent.click(screen.getByText('社区工作台'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/index/index' })
    fireEvent.click(screen.getByText('我的数据与隐私'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rider/privacy/index' })
  })

  it('on UNAUTHENTICATED (h5) shows the demo sign-in panel; picking a persona signs in and reloads', async () => {
    callMock.mockRejectedValueOnce(new AppError('UNAUTHENTICATED')).mockResolvedValueOnce(view())
    fetchMock.mockImplementation(async (url) => {
      if (url === '/__/auth/personas')
        return json([
          { openid: 'demo-rider-zhang', label: '骑手 张师傅', description: '美团外卖骑手' },
          { openid: 'demo-worker-chen', label: '社区工作者 陈主任' },
        ])
      if (url === '/__/auth/signin') return json({ ok: true })
      return json({}, 404)
    })
    render(<MePage />)
    expect(await screen.findByText('演示登录')).toBeTruthy()
    fireEvent.click(await screen.findByText('骑手 张师傅'))
    await waitFor(() => expect(callMock).toHaveBeenCalledTimes(2))
    const signin = fetchMock.mock.calls.find(([u]) => u === '/__/auth/signin')
    expect(signin?.[1]?.method).toBe('POST')
    expect(JSON.parse(String(signin?.[1]?.body))).toEqual({ openid: 'demo-rider-zhang' })
    expect(signin?.[1]?.credentials).toBe('include')
    await waitFor(() => expect(screen.queryByText('演示登录')).toBeNull())
    expect(screen.getByText('已认证')).toBeTruthy()
  })

  it('切换身份 signs out and brings the sign-in panel back', async () => {
    callMock.mockResolvedValueOnce(view()).mockRejectedValueOnce(new AppError('UNAUTHENTICATED'))
    fetchMock.mockImplementation(async (url) => (url === '/__/auth/personas' ? json([]) : json({ ok: true })))
    render(<MePage />)
    fireEvent.click(await screen.findByText('切换身份（演示）'))
    expect(await screen.findByText('演示登录')).toBeTruthy()
    expect(fetchMock.mock.calls.some(([u, init]) => u === '/__/auth/signout' && init?.method === 'POST')).toBe(true)
  })

  it('shows other errors with a retry that calls again', async () => {
    callMock.mockRejectedValueOnce(new AppError('NETWORK', undefined, { requestId: 'r-x' })).mockResolvedValueOnce(view())
    render(<MePage />)
    expect(await screen.findByText('网络不太好，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('请求编号 r-x')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('骑手 张师傅')).toBeTruthy()
  })

  it('pull-to-refresh calls again and stops the indicator', async () => {
    callMock.mockResolvedValueOnce(view()).mockResolvedValueOnce(view({ nickname: '改名了' }))
    render(<MePage />)
    await screen.findByText('骑手 张师傅')
    await act(() => taroTestApi.pullDown())
    expect(await screen.findByText('改名了')).toBeTruthy()
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
  })
})
