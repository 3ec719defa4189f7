import type { CSSProperties, ReactElement, ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

export type ChipTone = 'default' | 'primary' | 'danger'

export interface ChipProps {
  children: ReactNode
  /** chosen (one of a set of choices, or a toggle that is on): orange outline, `aria-pressed` */
  on?: boolean
  /** `primary`: a solid orange action; `danger`: a red-outlined action */
  tone?: ChipTone
  /** greyed out; taps do nothing */
  disabled?: boolean
  /** the chip's action is running (`aria-busy`) */
  busy?: boolean
  className?: string
  /** without it the chip is a plain label (no button role) */
  onClick?: () => void
}

/** One rounded chip: a choice, a toggle, a small action button or a label. */
export function Chip({ children, on, tone = 'default', disabled, busy, className, onClick }: ChipProps) {
  const classes = ['chip', on ? 'chip--on' : '', tone === 'default' ? '' : `chip--${tone}`, disabled ? 'chip--disabled' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View
      className={classes}
      role={onClick ? 'button' : undefined}
      aria-pressed={on}
      aria-disabled={disabled || undefined}
      aria-busy={busy}
      onClick={onClick && !disabled ? () => onClick() : undefined}
    >
      {children}
    </View>
  )
}

/** A wrapping row of chips. */
export function Chips({ children, className, style }: { children: ReactNode; className?: string; style?: CSSProperties }) {
  return (
    <View className={className ? `chips ${className}` : 'chips'} style={style}>
      {children}
    </View>
  )
}

export interface ChoiceOption<V> {
  value: V
  label: ReactNode
  disabled?: boolean
}

interface ChoiceBase<V> {
  /** compared with `===` to the value(s) */
  options: readonly ChoiceOption<V>[]
  /** none of the options can be changed (e.g. fixed once created) */
  disabled?: boolean
  className?: string
}
export interface SingleChoiceProps<V> extends ChoiceBase<V> {
  multiple?: false
  /** the chosen option's value; one not among the options (null, undefined) chooses none */
  value: V | null | undefined
  onChange: (value: V) => void
}
export interface MultipleChoiceProps<V> extends ChoiceBase<V> {
  multiple: true
  value: readonly V[]
  /** the new selection: the tapped option added or removed, in the order chosen */
  onChange: (value: V[]) => void
}
export type ChoiceChipsProps<V> = SingleChoiceProps<V> | MultipleChoiceProps<V>

/** Pick one of a few options (or several, with `multiple`) as a row of chips. */
function ChoiceChips<V>(props: MultipleChoiceProps<V>): ReactElement
function ChoiceChips<V>(props: SingleChoiceProps<V>): ReactElement
function ChoiceChips<V>(props: ChoiceChipsProps<V>): ReactElement {
  const isOn = (v: V) => (props.multiple ? props.value.includes(v) : props.value === v)
  const pick = (v: V) => {
    if (!props.multiple) props.onChange(v)
    else props.onChange(props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v])
  }
  return (
    <Chips className={props.className}>
      {props.options.map((o, i) => (
        // options are short fixed lists and a chip keeps no state: the position is a fine key
        <Chip key={i} on={isOn(o.value)} disabled={props.disabled || o.disabled} onClick={() => pick(o.value)}>
          {o.label}
        </Chip>
      ))}
    </Chips>
  )
}
export default ChoiceChips
