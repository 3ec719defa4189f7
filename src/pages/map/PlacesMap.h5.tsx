import type { PlaceListItem } from '@domain/places/model'
import type { LngLat } from '@domain/geo'
import SchematicMap from './SchematicMap'

/**
 * h5: the app's own schematic map (PlacesMap.tsx says why). A file of its own so that the h5 page
 * does not import Taro's Map: that import alone brought the Stencil components chunk (64 KB, with
 * hammer.js) onto the map's first load.
 */
export default function PlacesMap(props: { centre: LngLat; items: PlaceListItem[]; onPick?: (id: string) => void }) {
  return <SchematicMap {...props} />
}
