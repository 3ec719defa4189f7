import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import ChoiceChips, { Chip, Chips } from '@/components/ChoiceChips'

const PERIODS = [
  { value: 'day', label: '每天' },
  { value: 'week', label: '每周' },
  { value: 'once', label: '总共' },
] as const
type Period = (typeof PERIODS)[number]['value']

/** The chip element (the one with the chip class) that shows `text`. */
const chip = (text: string) => screen.getByText(text).closest('.chip') as HTMLElement
const onChips = (container: HTMLElement) => Array.from(container.querySelectorAll('.chip--on')).map((e) => e.textContent)

function SinglePicker({ initial = null, onChange }: { initial?: Period | null; onChange?: (v: Period) => void }) {
  const [v, setV] = useState<Period | null>(initial)
  return (
    <ChoiceChips
      options={PERIODS}
      value={v}
      onChange={(next) => {
        setV(next)
        onChange?.(next)
      }}
    />
  )
}

function MultiPicker({ initial = [] as string[] }) {
  const [v, setV] = useState<string[]>(initial)
  return (
    <>
      <ChoiceChips multiple options={[{ value: 'water', label: '饮水' }, { value: 'charge', label: '充电' }, { value: 'toilet', label: '厕所' }]} value={v} onChange={setV} />
      <div data-testid='picked'>{v.join(',')}</div>
    </>
  )
}

describe('ChoiceChips, single choice', () => {
  it('renders one chip per option in a .chips row, with nothing chosen for a null value', () => {
    const { container } = render(<SinglePicker />)
    const row = container.querySelector('.chips')!
    expect(Array.from(row.querySelectorAll('.chip')).map((e) => e.textContent)).toEqual(['每天', '每周', '总共'])
    expect(onChips(container)).toEqual([])
    for (const p of PERIODS) {
      expect(chip(p.label).getAttribute('role')).toBe('button')
      expect(chip(p.label).getAttribute('aria-pressed')).toBe('false')
    }
  })

  it('a tap chooses that option and un-chooses the previous one', () => {
    const onChange = jest.fn()
    const { container } = render(<SinglePicker initial='day' onChange={onChange} />)
    expect(onChips(container)).toEqual(['每天'])
    expect(chip('每天').getAttribute('aria-pressed')).toBe('true')

    fireEvent.click(chip('总共'))
    expect(onChange).toHaveBeenLastCalledWith('once')
    expect(onChips(container)).toEqual(['总共'])
    expect(chip('总共').getAttribute('aria-pressed')).toBe('true')
    expect(chip('每天').getAttribute('aria-pressed')).toBe('false')
    expect(chip('每天').className).not.toContain('chip--on')
  })

  it('tapping the chosen option again keeps it chosen', () => {
    const onChange = jest.fn()
    const { container } = render(<SinglePicker initial='week' onChange={onChange} />)
    fireEvent.click(chip('每周'))
    expect(onChange).toHaveBeenCalledWith('week')
    expect(onChips(container)).toEqual(['每周'])
  })

  it('matches non-string values with ===: booleans, null and objects', () => {
    const a = { label: '武林广场' }
    const b = { label: '文晖路' }
    const onPlace = jest.fn()
    const { container } = render(
      <>
        <ChoiceChips options={[{ value: true, label: '24 小时' }, { value: false, label: '每天固定时段' }]} value={false} onChange={() => undefined} />
        <ChoiceChips options={[{ value: null, label: '全部社区' }, { value: 'c-1', label: '新和平社区' }]} value={null} onChange={() => undefined} />
        <ChoiceChips options={[a, b].map((c) => ({ value: c, label: c.label }))} value={b} onChange={onPlace} />
      </>,
    )
    expect(onChips(container)).toEqual(['每天固定时段', '全部社区', '文晖路'])
    fireEvent.click(chip('武林广场'))
    expect(onPlace).toHaveBeenCalledWith(a)
  })

  it('disabled: every chip is marked and taps change nothing', () => {
    const onChange = jest.fn()
    const { container } = render(<ChoiceChips options={PERIODS} value='day' disabled onChange={onChange} />)
    for (const p of PERIODS) {
      expect(chip(p.label).className).toContain('chip--disabled')
      expect(chip(p.label).getAttribute('aria-disabled')).toBe('true')
      fireEvent.click(chip(p.label))
    }
    expect(onChange).not.toHaveBeenCalled()
    // the current choice still shows
    expect(onChips(container)).toEqual(['每天'])
  })

  it('a single disabled option cannot be picked; the others can', () => {
    const onChange = jest.fn()
    render(<ChoiceChips options={[{ value: 'a', label: '甲' }, { value: 'b', label: '乙', disabled: true }]} value='a' onChange={onChange} />)
    fireEvent.click(chip('乙'))
    expect(onChange).not.toHaveBeenCalled()
    expect(chip('甲').getAttribute('aria-disabled')).toBeNull()
    expect(chip('乙').getAttribute('aria-disabled')).toBe('true')
  })
})

describe('ChoiceChips, multiple', () => {
  it('toggles each option on and off, keeping the others, in the order chosen', () => {
    const { container } = render(<MultiPicker initial={['toilet']} />)
    expect(onChips(container)).toEqual(['厕所'])

    fireEvent.click(chip('饮水'))
    expect(screen.getByTestId('picked').textContent).toBe('toilet,water')
    expect(onChips(container)).toEqual(['饮水', '厕所'])
    expect(chip('饮水').getAttribute('aria-pressed')).toBe('true')

    fireEvent.click(chip('厕所'))
    expect(screen.getByTestId('picked').textContent).toBe('water')
    expect(chip('厕所').getAttribute('aria-pressed')).toBe('false')

    fireEvent.click(chip('充电'))
    fireEvent.click(chip('饮水'))
    expect(screen.getByTestId('picked').textContent).toBe('charge')
    expect(onChips(container)).toEqual(['充电'])
  })

  it('passes a new array and never mutates the one it was given', () => {
    const value = ['water']
    const onChange = jest.fn()
    render(<ChoiceChips multiple options={[{ value: 'water', label: '饮水' }, { value: 'charge', label: '充电' }]} value={value} onChange={onChange} />)
    fireEvent.click(chip('充电'))
    expect(onChange).toHaveBeenCalledWith(['water', 'charge'])
    expect(onChange.mock.calls[0][0]).not.toBe(value)
    expect(value).toEqual(['water'])
  })
})

describe('Chip', () => {
  it('an action chip: button role, tone class, no pressed state, calls onClick', () => {
    const onClick = jest.fn()
    render(
      <>
        <Chip tone='primary' onClick={onClick}>
          导航过去
        </Chip>
        <Chip tone='danger' onClick={() => undefined}>
          临时关闭
        </Chip>
      </>,
    )
    const go = chip('导航过去')
    expect(go.className.split(' ')).toEqual(['chip', 'chip--primary'])
    expect(go.getAttribute('role')).toBe('button')
    expect(go.hasAttribute('aria-pressed')).toBe(false)
    fireEvent.click(go)
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(chip('临时关闭').className.split(' ')).toEqual(['chip', 'chip--danger'])
  })

  it('a toggle chip shows its state with chip--on and aria-pressed', () => {
    const { rerender } = render(
      <Chip on={false} onClick={() => undefined}>
        营业中
      </Chip>,
    )
    expect(chip('营业中').className).toBe('chip')
    expect(chip('营业中').getAttribute('aria-pressed')).toBe('false')
    rerender(
      <Chip on onClick={() => undefined}>
        营业中
      </Chip>,
    )
    expect(chip('营业中').className).toBe('chip chip--on')
    expect(chip('营业中').getAttribute('aria-pressed')).toBe('true')
  })

  it('keeps the caller’s class and reports busy', () => {
    render(
      <Chip className='place-form__save' tone='primary' busy onClick={() => undefined}>
        保存中…
      </Chip>,
    )
    expect(chip('保存中…').className).toBe('chip chip--primary place-form__save')
    expect(chip('保存中…').getAttribute('aria-busy')).toBe('true')
  })

  it('disabled: marked, and the tap is ignored', () => {
    const onClick = jest.fn()
    render(
      <Chip disabled onClick={onClick}>
        提交
      </Chip>,
    )
    fireEvent.click(chip('提交'))
    expect(onClick).not.toHaveBeenCalled()
    expect(chip('提交').className).toContain('chip--disabled')
    expect(chip('提交').getAttribute('aria-disabled')).toBe('true')
  })

  it('without onClick it is a plain label, not a button', () => {
    const { container } = render(
      <Chips className='extra'>
        <Chip>新和平社区</Chip>
      </Chips>,
    )
    expect(container.querySelector('.chips.extra')).toBeTruthy()
    expect(chip('新和平社区').hasAttribute('role')).toBe(false)
    expect(screen.queryByRole('button')).toBeNull()
  })
})
