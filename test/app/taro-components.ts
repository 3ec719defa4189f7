/**
 * `@tarojs/components` for jest (app project): the h5 React implementations, imported file by file
 * from @tarojs/components-react (mapping the package itself makes a circular import, because its
 * components import `@tarojs/components`). Components not listed render as plain elements.
 */
import { createElement, forwardRef, type ReactNode } from 'react'

export { default as View } from '@tarojs/components-react/dist/components/view/index.js'
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js'
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js'
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js'
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js'
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js'

const plain = (tag: string) =>
  forwardRef<HTMLElement, { children?: ReactNode; className?: string }>(function Plain({ children, className }, ref) {
    return createElement(tag, { ref, className }, children)
  })

export const Block = plain('div')
export const Form = plain('form')
export const Label = plain('label')

// Form controls without a React implementation in @tarojs/components-react (h5 renders them as web
// components): small stand-ins with the same props and event shapes (`e.detail.value`).

/** A tap on a picker picks its first option (selector) or keeps the value (date, time). */
export const Picker = forwardRef<HTMLElement, { children?: ReactNode; mode?: string; value?: unknown; onChange?: (e: { detail: { value: unknown } }) => void }>(function Picker(
  { children, mode = 'selector', value, onChange },
  ref,
) {
  return createElement('div', { ref, className: `picker picker--${mode}`, onClick: () => onChange?.({ detail: { value: mode === 'selector' ? 0 : value } }) }, children)
})

export const Switch = forwardRef<HTMLInputElement, { checked?: boolean; className?: string; onChange?: (e: { detail: { value: boolean } }) => void }>(function Switch({ checked, className, onChange }, ref) {
  return createElement('input', { ref, type: 'checkbox', role: 'switch', className, checked: !!checked, onChange: () => onChange?.({ detail: { value: !checked } }) })
})

export const Textarea = forwardRef<HTMLTextAreaElement, { value?: string; className?: string; placeholder?: string; onInput?: (e: { detail: { value: string } }) => void }>(function Textarea(
  { value, className, placeholder, onInput },
  ref,
) {
  return createElement('textarea', { ref, className, placeholder, value: value ?? '', onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) })
})
