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
