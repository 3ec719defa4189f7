import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { AppSettings } from '@domain/user/settings'
import { AppError } from '@domain/errors'
import { call } from '@/api'
import { currentSettings, refreshSettings, resetSettingsForTests, useSettings } from '../useSettings'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock
const storage = Taro as unknown as { getStorageSync: jest.Mock; setStorageSync: jest.Mock }

const settings = (name: string): AppSettings => ({
  communities: [{ id: 'c-1', name, street: '街道', district: '区', centre: null }],
  map: { centre: null, presets: [] },
  subscriptions: { suggestionStatus: 'tmpl-status' },
})

function Names() {
  const { settings: s, communityName } = useSettings()
  return <div>{s ? communityName('c-1') : '加载中'}</div>
}

beforeEach(() => {
  resetSettingsForTests()
  callMock.mockReset()
  storage.getStorageSync.mockReset().mockReturnValue('')
  storage.setStorageSync.mockReset()
})

describe('useSettings', () => {
  it('asks user.settings once for every page that uses it, and keeps the answer for the next launch', async () => {
    callMock.mockResolvedValue(settings('东社区'))
    render(
      <>
        <Names />
        <Names />
      </>,
    )
    await waitFor(() => expect(screen.getAllByText('东社区')).toHaveLength(2))
    expect(callMock).toHaveBeenCalledTimes(1)
    expect(callMock).toHaveBeenCalledWith('user', 'settings', {})
    expect(storage.setStorageSync).toHaveBeenCalledWith('user.settings.v1', { savedAt: expect.any(Number), settings: settings('东社区') })
  })

  it('renders at once from the stored copy, then shows what the server says now', async () => {
    storage.getStorageSync.mockReturnValue({ savedAt: 1, settings: settings('旧名字') })
    let answer: (s: AppSettings) => void = () => undefined
    callMock.mockReturnValue(new Promise<AppSettings>((r) => (answer = r)))
    render(<Names />)
    expect(screen.getByText('旧名字')).toBeTruthy()
    expect(currentSettings()?.subscriptions.suggestionStatus).toBe('tmpl-status')
    await act(async () => answer(settings('新名字')))
    expect(screen.getByText('新名字')).toBeTruthy()
  })

  it('refreshSettings asks again (an admin added a community); a failure keeps the last settings', async () => {
    callMock.mockResolvedValue(settings('东社区'))
    render(<Names />)
    await waitFor(() => expect(screen.getByText('东社区')).toBeTruthy())
    callMock.mockResolvedValue(settings('西社区'))
    await act(() => refreshSettings().then(() => undefined))
    expect(screen.getByText('西社区')).toBeTruthy()
    callMock.mockRejectedValue(new AppError('NETWORK'))
    await act(() => refreshSettings().catch(() => undefined))
    expect(screen.getByText('西社区')).toBeTruthy()
  })

  it('a page opened after a failed launch-time fetch shows loading while it asks again, not the old error', async () => {
    callMock.mockRejectedValueOnce(new AppError('NETWORK'))
    await refreshSettings().catch(() => undefined)
    let answer: (s: AppSettings) => void = () => undefined
    callMock.mockReturnValue(new Promise<AppSettings>((r) => (answer = r)))
    function State() {
      const { settings: s, error } = useSettings()
      return <div>{error ? `出错 ${error.code}` : s ? s.communities[0].name : '加载中'}</div>
    }
    render(<State />)
    expect(screen.getByText('加载中')).toBeTruthy()
    await act(async () => answer(settings('西社区')))
    expect(screen.getByText('西社区')).toBeTruthy()
  })

})
