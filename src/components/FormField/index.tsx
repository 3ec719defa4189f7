import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

/** A labelled form row with its validation message right under the input. */
export default function FormField({ label, hint, error, required, children }: { label: string; hint?: ReactNode; error?: string; required?: boolean; children: ReactNode }) {
  return (
    <View className={`form-field${error ? ' form-field--error' : ''}`}>
      <View className='form-field__label'>
        {label}
        {required ? <View className='form-field__required'>*</View> : null}
      </View>
      <View className='form-field__control'>{children}</View>
      {hint && !error ? <View className='form-field__hint'>{hint}</View> : null}
      {error ? (
        <View className='form-field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}
