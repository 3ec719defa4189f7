import { act, fireEvent, render, screen } from '@testing-library/react'
import { AppError } from '@domain/errors'
import { Loaded } from '@/components/StatusViews'

jest.mock('@/dev/DevSignIn', () => ({ DEV_SIGNIN_AVAILABLE: false, DevSignInPanel: () => null }))

const content = (d: { n: number }) => <div>共 {d.n} 条</div>

describe('Loaded: the one loading / error / content switch', () => {
  it('shows the spinner until the first answer, with the page text', () => {
    render(<Loaded state={{ data: undefined, loading: true }} loadingText='正在查找附近的地点…'>{content}</Loaded>)
    expect(screen.getByText('正在查找附近的地点…')).toBeTruthy()
    expect(screen.queryByText(/共/)).toBeNull()
  })

  it('shows the error with a retry that calls refresh, when there is nothing to show', async () => {
    const refresh = jest.fn()
    render(<Loaded state={{ data: undefined, error: new AppError('NETWORK', '网络不太好'), loading: false, refresh }}>{content}</Loaded>)
    expect(screen.getByRole('alert').textContent).toContain('网络不太好')
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('offers 返回 instead of 重试 when asking again cannot help (a bad link, a page of another role)', () => {
    const refresh = jest.fn()
    for (const code of ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'] as const) {
      const { unmount } = render(<Loaded state={{ data: undefined, error: new AppError(code, '找不到这个地点'), loading: false, refresh }}>{content}</Loaded>)
      expect(screen.getByText('返回')).toBeTruthy()
      expect(screen.queryByText('重试')).toBeNull()
      unmount()
    }
  })

  it('keeps the last good data on screen when a refresh fails', () => {
    render(<Loaded state={{ data: { n: 3 }, error: new AppError('NETWORK', '网络不太好'), loading: false }}>{content}</Loaded>)
    expect(screen.getByText('共 3 条')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('passes null (an answered "none") to the content, unlike undefined (not answered yet)', () => {
    render(<Loaded state={{ data: null as { n: number } | null, loading: false }}>{(d) => <div>{d ? '有' : '还没有申请'}</div>}</Loaded>)
    expect(screen.getByText('还没有申请')).toBeTruthy()
  })
})
