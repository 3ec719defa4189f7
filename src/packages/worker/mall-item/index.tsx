import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { DISTRICT_REDEMPTION_KINDS, type ManagedItemView } from '@domain/mall/model'
import { PLACE_KIND_LABELS, type ManagedPlacesResult } from '@domain/places/model'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import FormField from '@/components/FormField'
import ChoiceChips from '@/components/ChoiceChips'
import ItemForm, { type ItemApi } from '@/components/ItemForm'
import { EmptyView, Loaded } from '@/components/StatusViews'

/** Where riders redeem: the community (when the worker has several) and one of its places, or none. */
function WhereFields({ places, communityId, placeId, onCommunity, onPlace, fixedCommunity }: {
  places: ManagedPlacesResult
  communityId: string
  placeId: string | null
  onCommunity: (id: string) => void
  onPlace: (id: string | null) => void
  fixedCommunity: boolean
}) {
  const own = places.items.filter((p) => p.communityId === communityId && DISTRICT_REDEMPTION_KINDS.includes(p.kind))
  return (
    <>
      {places.communities.length > 1 ? (
        <FormField label='所属社区' required hint={fixedCommunity ? '上架后不能更换社区' : undefined}>
          <ChoiceChips options={places.communities.map((c) => ({ value: c.id, label: c.name }))} value={communityId} disabled={fixedCommunity} onChange={onCommunity} />
        </FormField>
      ) : null}
      <FormField label='领取地点' hint='有人值守的驿站或优惠食堂：骑手凭券到这里领取，由本社区工作者核销'>
        <ChoiceChips
          options={[{ value: null as string | null, label: '不指定（见说明）' }, ...own.map((p) => ({ value: p.id as string | null, label: `${p.name}（${PLACE_KIND_LABELS[p.kind]}）` }))]}
          value={placeId}
          onChange={onPlace}
        />
      </FormField>
    </>
  )
}

function Editor({ item, places }: { item: ManagedItemView | null; places: ManagedPlacesResult }) {
  const firstStation = (community: string) => places.items.find((p) => p.communityId === community && p.kind === 'station')?.id ?? null
  const [communityId, setCommunityId] = useState(item?.communityId ?? places.communities[0]?.id ?? '')
  const [placeId, setPlaceId] = useState<string | null>(item ? item.placeId : firstStation(communityId))
  const api: ItemApi = {
    create: (values) => call('mall', 'createItem', { ...values, communityId, placeId }),
    update: (id, patch) => call('mall', 'updateItem', { id, patch: { ...patch, placeId } }),
    setStock: (id, stock) => call('mall', 'setStock', { id, stock }),
  }
  if (!communityId) return <EmptyView title='还没有为你分配社区' description='请联系区管理员授权后再上架兑换品。' />
  return (
    <ItemForm item={item} api={api} onSaved={() => void Taro.navigateBack().catch(() => undefined)}>
      <WhereFields
        places={places}
        communityId={communityId}
        placeId={placeId}
        fixedCommunity={!!item}
        onCommunity={(id) => {
          setCommunityId(id)
          setPlaceId(firstStation(id))
        }}
        onPlace={setPlaceId}
      />
    </ItemForm>
  )
}

/** A district item of the worker's community: new (no id) or edited. */
export default function WorkerMallItemPage() {
  const { params } = useRouter()
  const id = params.id ? String(params.id) : null
  const places = useCall('places', 'listMine', {})
  const items = useCall('mall', 'manageItems', {}, { auto: !!id })
  const item = id ? items.data?.find((i) => i.id === id) : null
  const failed = places.error ?? (id ? items.error : undefined)

  let body
  if (failed || !places.data || (id && !items.data)) body = <Loaded state={{ data: undefined, error: failed }} onRetry={() => void Promise.all([places.refresh(), id ? items.refresh() : null])}>{() => null}</Loaded>
  else if (id && !item) body = <EmptyView title='找不到这件兑换品' description='它可能已被删除，或不属于你负责的社区。' />
  else body = <Editor item={item ?? null} places={places.data} />
  return <PageShell className='worker-mall-item-page'>{body}</PageShell>
}
