import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PrivacyPopup from '@/components/PrivacyPopup'

type Listener = Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]
const onNeed = Taro.onNeedPrivacyAuthorization as unknown as jest.Mock

describe('PrivacyPopup (weapp privacy check)', () => {
  const env = process.env.TARO_ENV
  beforeAll(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterAll(() => {
    process.env.TARO_ENV = env
  })

  function raise(): jest.Mock {
    const listener = onNeed.mock.calls[0][0] as Listener
    const resolve = jest.fn()
    act(() => listener(resolve, { referrer: 'getLocation' }))
    return resolve
  }

  it('registers one app-wide listener and shows nothing until WeChat asks', () => {
    render(<PrivacyPopup />)
    render(<PrivacyPopup />)
    expect(onNeed).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('隐私保护提示')).toBeNull()
  })

  it('with no pop-up on screen, refuses at once', () => {
    const resolve = raise()
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
  })

  it('refusing resolves disagree (the API that asked fails) and closes', async () => {
    render(<PrivacyPopup />)
    const resolve = raise()
    expect(screen.getByText('隐私保护提示')).toBeTruthy()
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    fireEvent.click(screen.getByText('不同意'))
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(resolve).not.toHaveBeenCalledWith(expect.objectContaining({ event: 'agree' }))
    // NutUI's Popup unmounts its content after the closing transition.
    await waitFor(() => expect(screen.queryByText('隐私保护提示')).toBeNull())
  })

  it('links to the privacy contract', () => {
    render(<PrivacyPopup />)
    raise()
    fireEvent.click(screen.getByText('《小哥驿站隐私保护指引》'))
    expect(Taro.openPrivacyContract).toHaveBeenCalled()
  })
})
