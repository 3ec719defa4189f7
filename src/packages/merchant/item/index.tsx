import Taro, { useRouter } from '@tarojs/taro'
import { call } from '@/api'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import ItemForm, { type ItemApi } from '@/components/ItemForm'
import { EmptyView, ErrorView, LoadingView } from '@/components/StatusViews'

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
  const item = id ? items.data?.find((i) => i.id === id) : null

  let body
  if (id && items.error) body = <ErrorView error={items.error} onRetry={() => void items.refresh()} />
  else if (id && !items.data) body = <LoadingView />
  else if (id && !item) body = <EmptyView title='找不到这件兑换品' description='它可能已被删除。' />
  else body = <ItemForm item={item ?? null} api={api} onSaved={() => void Taro.navigateBack().catch(() => undefined)} />
  return <PageShell className='merchant-item-page'>{body}</PageShell>
}
