import Taro, { useRouter } from '@tarojs/taro'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import ItemForm, { type ItemApi } from '@/components/ItemForm'
import { EmptyView, Loaded } from '@/components/StatusViews'

const api: ItemApi = {
  create: (values) => call('merchant', 'createItem', values),
  update: (id, patch) => call('merchant', 'updateItem', { id, patch }),
  setStock: (id, stock) => call('merchant', 'setStock', { id, stock }),
}

/** One of the merchant's items: new (no id) or edited. Redeemed at the shop, verified here. */
export default function MerchantItemPage() {
  const { params } = useRouter()
  const id = params.id ? String(params.id) : null
  const items = useCall('merchant', 'myItems', {}, { auto: !!id })

  const form = (item: Parameters<typeof ItemForm>[0]['item']) => <ItemForm item={item} api={api} onSaved={() => void Taro.navigateBack().catch(() => undefined)} />
  return (
    <PageShell className='merchant-item-page'>
      {id ? (
        <Loaded state={items}>{(list) => {
          const found = list.find((i) => i.id === id)
          return found ? form(found) : <EmptyView title='找不到这件兑换品' description='它可能已被删除。' />
        }}</Loaded>
      ) : (
        form(null)
      )}
    </PageShell>
  )
}
