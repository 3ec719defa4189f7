import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

/** A tab page's honest intro: what the page will offer, and that it is not open here yet. */
export default function IntroCard({
  badge,
  title,
  children,
}: {
  badge: string
  title: string
  children: ReactNode
}) {
  return (
    <View className='intro-card card'>
      <View className='intro-card__badge'>{badge}</View>
      <View className='intro-card__title'>{title}</View>
      <View className='intro-card__body'>{children}</View>
    </View>
  )
}

export function FeatureList({ items }: { items: { title: string; text: string }[] }) {
  return (
    <View className='feature-list card'>
      {items.map((it) => (
        <View key={it.title} className='feature-list__item'>
          <View className='feature-list__dot' />
          <View>
            <View className='feature-list__title'>{it.title}</View>
            <View className='feature-list__text'>{it.text}</View>
          </View>
        </View>
      ))}
    </View>
  )
}
