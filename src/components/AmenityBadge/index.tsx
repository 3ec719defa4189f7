import { View } from '@tarojs/components'
import { AMENITY_LABELS, type Amenity } from '@domain/places/model'
import './index.scss'

/**
 * One-character icons for amenities: CJK glyphs on coloured discs render the same on every phone
 * and in the offline h5 demo (emoji need a colour-emoji font the test browser lacks).
 */
export const AMENITY_GLYPHS: Record<Amenity, string> = {
  water: '水',
  microwave: '饭',
  phoneCharging: '充',
  ebikeCharging: '电',
  toilet: '厕',
  seats: '座',
  airCon: '凉',
  umbrella: '伞',
  firstAid: '药',
  lockers: '柜',
  wifi: '网',
}

export default function AmenityBadge({ amenity, on = true }: { amenity: Amenity; on?: boolean }) {
  return (
    <View className={`amenity-badge${on ? '' : ' amenity-badge--off'}`}>
      <View className={`amenity-badge__icon amenity-badge__icon--${amenity}`}>{AMENITY_GLYPHS[amenity]}</View>
      <View className='amenity-badge__label'>{AMENITY_LABELS[amenity]}</View>
    </View>
  )
}
