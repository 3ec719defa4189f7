import { act, fireEvent, render, screen } from '@testing-library/react'
import { AppError } from '@domain/errors'
import VoucherVerifier, { parseScan } from '../index'

const codeInput = () => document.querySelector('input[name="code"], [name="code"] input') as HTMLInputElement
const submit = async (code: string) => {
  await act(async () => {
    fireEvent.input(codeInput(), { target: { value: code } })
  })
  await act(async () => {
    fireEvent.click(screen.getByText('核销', { exact: true }))
  })
}

describe('VoucherVerifier', () => {
  it('sends the typed code and shows the success', async () => {
    const verify = jest.fn(async () => ({ code: '12345678', itemTitle: '电动车免费检修一次', price: 40, usedAt: '2026-12-02T04:00:00.000Z' }))
    render(<VoucherVerifier verify={verify} notYours='不是本社区驿站的兑换券' />)
    await submit('12345678')
    expect(verify).toHaveBeenCalledWith({ code: '12345678' })
    expect((await screen.findByRole('status')).textContent).toContain('电动车免费检修一次')
  })

  it('a malformed code is answered locally; refusals say what to do at the counter', async () => {
    const verify = jest.fn()
    render(<VoucherVerifier verify={verify} notYours='不是本社区驿站的兑换券' />)
    await submit('1234')
    expect(screen.getByRole('alert').textContent).toContain('券码应为 8 位数字')
    expect(verify).not.toHaveBeenCalled()
    verify.mockRejectedValueOnce(new AppError('NOT_FOUND', '券码不存在，或不是本社区驿站的兑换券'))
    await submit('12345678')
    expect(screen.getByRole('alert').textContent).toContain('不是本社区驿站的兑换券')
    verify.mockRejectedValueOnce(new AppError('CONFLICT', '这张券已于 12-02 12:00 使用过'))
    await submit('12345678')
    expect(screen.getByRole('alert').textContent).toContain('这张券已经使用过')
    verify.mockRejectedValueOnce(new AppError('CONFLICT', '这张券已被骑手取消'))
    await submit('12345678')
    expect(screen.getByRole('alert').textContent).toContain('这张券已取消')
  })

  it('parseScan: a QR token, a bare code, anything else', () => {
    const token = `v1.12345678.abc.${'a'.repeat(8)}.${'b'.repeat(43)}`
    expect(parseScan(` ${token} `)).toEqual({ token })
    expect(parseScan('12345678')).toEqual({ code: '12345678' })
    expect(parseScan('https://example.com')).toBeNull()
  })
})
