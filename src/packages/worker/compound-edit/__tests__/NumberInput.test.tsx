import { useState } from 'react'
import { act, fireEvent, render } from '@testing-library/react'
import NumberInput from '../NumberInput'

/** The editor's use: the number lives in the form; a tap on the schematic changes it from outside. */
function Harness({ onValue }: { onValue: (n: number) => void }) {
  const [n, setN] = useState(0)
  return (
    <div>
      <NumberInput
        name='x'
        label='位置 x'
        value={n}
        onChange={(v) => {
          setN(v)
          onValue(v)
        }}
      />
      <button onClick={() => setN(120)}>tap</button>
    </div>
  )
}

const typeInto = (input: HTMLInputElement, value: string) =>
  act(() => {
    fireEvent.input(input, { target: { value } })
  })

test('a negative number typed a key at a time keeps its 「-」; a tap on the schematic rewrites it', () => {
  const seen: number[] = []
  const { container, getByText } = render(<Harness onValue={(v) => seen.push(v)} />)
  const input = container.querySelector('input[name="x"]') as HTMLInputElement
  expect(input.value).toBe('0')
  typeInto(input, '-')
  expect(input.value).toBe('-')
  typeInto(input, '-3')
  typeInto(input, '-30')
  expect(input.value).toBe('-30')
  expect(seen.slice(-1)).toEqual([-30])
  expect(Number.isNaN(seen[0])).toBe(true)
  act(() => {
    fireEvent.click(getByText('tap'))
  })
  expect(input.value).toBe('120')
})
