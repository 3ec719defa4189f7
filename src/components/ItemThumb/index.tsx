import { Image, View } from '@tarojs/components'
import './index.scss'

/** A guess at what an item is, from its title: one CJK glyph on a coloured tile (same on every phone). */
const GLYPHS: [RegExp, string, string][] = [
  [/面|饭|餐|粥|包子|饺/, '食', 'food'],
  [/茶|水|饮|咖啡|奶/, '饮', 'drink'],
  [/充电|电池|电动车/, '电', 'charge'],
  [/雨衣|伞|手套|头盔|支架|背包|衣/, '物', 'gear'],
  [/修|补胎|保养/, '修', 'repair'],
  [/药|体检|理发/, '康', 'care'],
]

export function itemGlyph(title: string): { glyph: string; tone: string } {
  for (const [re, glyph, tone] of GLYPHS) if (re.test(title)) return { glyph, tone }
  return { glyph: '礼', tone: 'gift' }
}

/** The item's first photo when the platform can show it, else its glyph. */
export default function ItemThumb({ title, photo, size = 'md' }: { title: string; photo?: string | null; size?: 'md' | 'lg' }) {
  if (photo) return <Image className={`item-thumb item-thumb--${size}`} src={photo} mode='aspectFill' aria-label={title} />
  const { glyph, tone } = itemGlyph(title)
  return (
    <View className={`item-thumb item-thumb--${size} item-thumb--${tone}`} aria-hidden>
      {glyph}
    </View>
  )
}
