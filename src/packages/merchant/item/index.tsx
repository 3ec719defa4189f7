import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { AppError } from '@domain/errors'
import type { MallItemView } from '@domain/entities/mall'
import { LIMIT_PERIOD_LABELS, LIMIT_PERIODS, type LimitPeriod } from '@domain/points/rules'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import ChoiceChips from '@/components/ChoiceChips'
import { ErrorView, LoadingView } from '@/components/StatusViews'
import '../merchant.scss'

interface Form {
  title: string
  description: string
  price: string
  stock: string
  period: LimitPeriod
  count: string
  validDays: string
}

const blank: Form = { title: '', description: '', price: '20', stock: '10', period: 'day', count: '1', validDays: '7' }
const fromItem = (it: MallItemView): Form => ({
  title: it.title,
  description: it.description,
  price: String(it.price),
  stock: String(it.stock),
  period: it.limit.period,
  count: String(it.limit.count),
  validDays: String(it.validDays),
})
const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

const FIELD_LABELS: Record<string, string> = { title: '名称', description: '说明', price: '所需积分', stock: '库存', limit: '每人限兑', validDays: '有效天数' }

export default function MerchantItemPage() {
  const { params } = useRouter()
  const id = params.id ? String(params.id) : null
  const [item, setItem] = useState<MallItemView | null>(null)
  const [loadError, setLoadError] = useState<AppError | null>(null)
  const [f, setF] = useState<Form>(blank)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((old) => ({ ...old, [k]: v }))

  const load = async () => {
    if (!id) return
    setLoadError(null)
    try {
      const it = (await call('merchant', 'myItems', {})).find((x) => x.id === id)
      if (!it) throw new AppError('NOT_FOUND', '找不到这件兑换品')
      setItem(it)
      setF(fromItem(it))
    } catch (e) {
      setLoadError(e instanceof AppError ? e : new AppError('INTERNAL'))
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  const save = async () => {
    const fields = {
      title: f.title.trim(),
      description: f.description.trim(),
      photos: item?.photos ?? [],
      price: int(f.price),
      limit: { period: f.period, count: f.period === 'none' ? 1 : int(f.count) },
      validDays: int(f.validDays),
    }
    const stock = int(f.stock)
    const bad = [fields.price, fields.limit.count, fields.validDays, stock].some((n) => Number.isNaN(n))
    if (bad) return setError(new AppError('VALIDATION', '积分、库存、次数和天数请填写整数'))
    setBusy(true)
    setError(null)
    try {
      if (!item) {
        await call('merchant', 'createItem', { ...fields, stock })
      } else {
        let next = await call('merchant', 'updateItem', { id: item.id, patch: fields })
        if (stock !== item.stock) next = await call('merchant', 'setStock', { id: item.id, stock })
        setItem(next)
      }
      void Taro.showToast({ title: item ? '已保存' : '已上架', icon: 'success' })
      void Taro.navigateBack().catch(() => undefined)
    } catch (e) {
      setError(e instanceof AppError ? e : new AppError('INTERNAL'))
    } finally {
      setBusy(false)
    }
  }

  const toggleStatus = async () => {
    if (!item) return
    setBusy(true)
    setError(null)
    try {
      setItem(await call('merchant', 'updateItem', { id: item.id, patch: { status: item.status === 'on' ? 'off' : 'on' } }))
    } catch (e) {
      setError(e instanceof AppError ? e : new AppError('INTERNAL'))
    } finally {
      setBusy(false)
    }
  }

  if (id && loadError) return <PageShell><ErrorView error={loadError} onRetry={() => void load()} /></PageShell>
  if (id && !item) return <PageShell><LoadingView /></PageShell>

  const fieldNote = error?.field ? `（${FIELD_LABELS[error.field.split('.')[0]] ?? error.field}）` : ''
  return (
    <PageShell className='merchant-item-page'>
      <View className='card m-form'>
        <View className='m-form__label'>名称</View>
        <Input className='m-form__input' name='title' value={f.title} maxlength={30} placeholder='如：姜茶一杯' onInput={(e) => set('title', e.detail.value)} />
        <View className='m-form__label'>说明</View>
        <Textarea className='m-form__textarea' name='description' value={f.description} maxlength={200} placeholder='骑手怎么领取、有什么限制' onInput={(e) => set('description', e.detail.value)} />
        <View className='m-form__row'>
          <View>
            <View className='m-form__label'>所需积分</View>
            <Input className='m-form__input' name='price' type='number' value={f.price} onInput={(e) => set('price', e.detail.value)} />
          </View>
          <View>
            <View className='m-form__label'>{item ? '剩余库存' : '库存'}</View>
            <Input className='m-form__input' name='stock' type='number' value={f.stock} onInput={(e) => set('stock', e.detail.value)} />
          </View>
        </View>
        <View className='m-form__label'>每人限兑</View>
        <ChoiceChips options={LIMIT_PERIODS.map((p) => ({ value: p, label: p === 'once' ? '总共' : LIMIT_PERIOD_LABELS[p] }))} value={f.period} onChange={(p) => set('period', p)} />
        <View className='m-form__row'>
          {f.period !== 'none' ? (
            <View>
              <View className='m-form__label'>次数</View>
              <Input className='m-form__input' name='count' type='number' value={f.count} onInput={(e) => set('count', e.detail.value)} />
            </View>
          ) : null}
          <View>
            <View className='m-form__label'>兑换后有效天数</View>
            <Input className='m-form__input' name='validDays' type='number' value={f.validDays} onInput={(e) => set('validDays', e.detail.value)} />
          </View>
        </View>
      </View>
      {error ? (
        <View className='m-alert m-alert--error' role='alert'>
          {error.message}
          {fieldNote}
        </View>
      ) : null}
      <Button className='m-btn' disabled={(busy) || undefined} onClick={() => void save()}>
        {busy ? '保存中…' : item ? '保存' : '上架'}
      </Button>
      {item ? (
        <Button className='m-btn m-btn--ghost' disabled={(busy) || undefined} onClick={() => void toggleStatus()}>
          {item.status === 'on' ? '下架（骑手看不到）' : '重新上架'}
        </Button>
      ) : null}
    </PageShell>
  )
}
