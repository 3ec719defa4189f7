import { fireEvent, render, screen } from '@testing-library/react'
import { AppError } from '@domain/errors'
import VerifyForm from '../VerifyForm'
import { EMPTY_FORM, testPhoneCode, toInput, validateForm, type FormValues } from '../form'

const communities = [
  { id: 'c-xinheping', name: '新和平社区', street: '文晖街道', district: '杭州市拱墅区', centre: null },
  { id: 'c-jinzhu', name: '金祝社区', street: '北山街道', district: '杭州市西湖区', centre: null },
]
const good: FormValues = {
  realName: '张建国',
  platform: '美团',
  riderRole: '外卖',
  station: '美团外卖文晖站',
  platformRiderId: '',
  communityId: 'c-xinheping',
  badgePhoto: 'cloud://local-dev.6c6f-local-dev-1250000000/badges/o-1/badge.jpg',
  phoneCode: 'test-13812345678',
}
const ID = '330106199001011234'

describe('validateForm', () => {
  it('accepts a complete form; the optional rider id becomes null', () => {
    expect(validateForm(good)).toEqual({})
    expect(toInput(good).platformRiderId).toBeNull()
  })

  it('names every missing field with its own message', () => {
    const e = validateForm(EMPTY_FORM)
    expect(Object.keys(e).sort()).toEqual(['badgePhoto', 'communityId', 'phoneCode', 'platform', 'realName', 'riderRole', 'station'])
    expect(e.platform).toBe('请选择所在平台')
    expect(e.phoneCode).toBe('请授权手机号')
    expect(e.realName).toContain('至少需要 2 个字')
  })

  it.each(['realName', 'station', 'platformRiderId'] as const)('refuses an ID-card number in %s', (field) => {
    expect(validateForm({ ...good, [field]: ID })[field]).toContain('身份证')
  })

  it('lets an edit keep the photo and phone on file', () => {
    expect(validateForm({ ...good, badgePhoto: '', phoneCode: '' }, { editing: true })).toEqual({})
    expect(Object.keys(validateForm({ ...good, badgePhoto: '', phoneCode: '' }))).toEqual(['badgePhoto', 'phoneCode'])
  })

  it('turns an 11-digit number into the emulator test code, and nothing else', () => {
    expect(testPhoneCode('13812345678')).toBe('test-13812345678')
    expect(testPhoneCode('1381234')).toBe('')
  })
})

describe('VerifyForm', () => {
  const type = (name: string, value: string) => {
    const input = document.querySelector(`input[name="${name}"]`) as HTMLInputElement
    fireEvent.input(input, { target: { value } })
  }

  it('shows each field’s error under it and does not submit', () => {
    const onSubmit = jest.fn()
    render(<VerifyForm communities={communities} uploadDir='badges/o-1' onSubmit={onSubmit} />)
    fireEvent.click(screen.getByText('提交认证'))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByText('请选择所在平台')).toBeTruthy()
    expect(screen.getByText('请选择工作所在社区')).toBeTruthy()
    expect(screen.getByText('请上传工牌或接单 App 截图')).toBeTruthy()
  })

  it('refuses an ID-card number typed into the name', () => {
    const onSubmit = jest.fn()
    render(<VerifyForm communities={communities} uploadDir='badges/o-1' initial={{ ...good, realName: '' }} onSubmit={onSubmit} />)
    type('realName', ID)
    fireEvent.click(screen.getByText('提交认证'))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByText('请勿填写身份证号码等敏感身份信息')).toBeTruthy()
  })

  it('submits a complete form with the picked chips and the h5 test phone code', () => {
    const onSubmit = jest.fn()
    render(<VerifyForm communities={communities} uploadDir='badges/o-1' initial={{ badgePhoto: good.badgePhoto }} onSubmit={onSubmit} />)
    type('realName', '张建国')
    type('station', '美团外卖文晖站')
    type('phone', '13812345678')
    fireEvent.click(screen.getByText('饿了么'))
    fireEvent.click(screen.getByText('快递'))
    fireEvent.click(screen.getByText('金祝社区'))
    fireEvent.click(screen.getByText('提交认证'))
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ realName: '张建国', platform: '饿了么', riderRole: '快递', communityId: 'c-jinzhu', phoneCode: 'test-13812345678' }))
  })

  it('shows a server validation error under the field it names', () => {
    render(
      <VerifyForm
        communities={communities}
        uploadDir='badges/o-1'
        initial={good}
        serverError={new AppError('VALIDATION', '手机号授权已失效，请重新点击「授权手机号」', { field: 'phoneCode' })}
        onSubmit={jest.fn()}
      />,
    )
    expect(screen.getByText(/手机号授权已失效/)).toBeTruthy()
  })
})
