import { useEffect, useState } from 'react'
import { Input } from '@tarojs/components'

/** A number typed as text: kept as typed (「-」「12.」 are on the way to a number), sent as a number. */
export default function NumberInput({ value, onChange, label, name, placeholder }: { value: number | null; onChange: (n: number) => void; label: string; name: string; placeholder?: string }) {
  const [text, setText] = useState(value === null || Number.isNaN(value) ? '' : String(value))
  useEffect(() => {
    // 「-」 on its way to 「-30」 reads as NaN, like the NaN it sent: not an outside change
    const typed = text.trim() === '' ? NaN : Number(text)
    if (!Object.is(typed, value ?? NaN)) setText(value === null || Number.isNaN(value) ? '' : String(value))
    // only an outside change (a tap on the schematic) rewrites what is being typed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value])
  return (
    <Input
      className='form-input cedit-num'
      type='text'
      name={name}
      value={text}
      aria-label={label}
      placeholder={placeholder}
      onInput={(e) => {
        setText(e.detail.value)
        onChange(e.detail.value.trim() === '' ? NaN : Number(e.detail.value))
      }}
    />
  )
}
