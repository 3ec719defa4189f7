import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import { createCompoundInput } from '@domain/compounds/contract'
import {
  ENTRY_METHOD_LABELS,
  ENTRY_METHODS,
  FRIENDLY_ITEM_LABELS,
  FRIENDLY_ITEMS,
  type Building,
  type CompoundView,
  type Gate,
  type Hazard,
  type Locker,
  type Offset,
  type ParkingSpot,
} from '@domain/compounds/model'
import { buildingLabel } from '@domain/compounds/rules'
import type { TimeRange } from '@domain/places/opening-hours'
import { problemsOf } from '@domain/validation'
import { call } from '@/api'
import { useAction } from '@/hooks/useAction'
import { useCall } from '@/hooks/useCall'
import { useSettings } from '@/hooks/useSettings'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import FormField from '@/components/FormField'
import HoursEditor from '@/components/HoursEditor'
import { defaultWeek } from '@/components/HoursEditor/week'
import LocationPicker from '@/components/LocationPicker'
import ChoiceChips, { Chip } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import Schematic from '@/components/Schematic'
import {
  PART_LABELS,
  PARTS,
  addItem,
  aliasesOf,
  changesOf,
  firstItemOf,
  formKeyOf,
  fromView,
  newItem,
  removeItem,
  validate,
  withItem,
  type CompoundForm,
  type FormErrors,
  type Item,
  type Part,
} from './form'
import NumberInput from './NumberInput'
import './index.scss'

type Tab = 'basic' | Part | 'outline'
const TABS: { value: Tab; label: string }[] = [{ value: 'basic', label: '基本信息' }, ...PARTS.map((p) => ({ value: p as Tab, label: PART_LABELS[p] })), { value: 'outline', label: PART_LABELS.outline }]

function OffsetField({ at, onChange, error, label }: { at: Offset; onChange: (at: Offset) => void; error?: string; label: string }) {
  return (
    <FormField label={label} error={error} hint='点示意图上的位置，或填写距小区锚点的米数（向东 x、向北 y）'>
      <View className='cedit-row'>
        <View className='cedit-row__cell'>
          x（向东，米）
          <NumberInput label={`${label} x`} name='x' value={at.x} onChange={(x) => onChange({ ...at, x })} />
        </View>
        <View className='cedit-row__cell'>
          y（向北，米）
          <NumberInput label={`${label} y`} name='y' value={at.y} onChange={(y) => onChange({ ...at, y })} />
        </View>
      </View>
    </FormField>
  )
}

function TextInput({ value, onChange, label, name, maxlength = 30, placeholder }: { value: string; onChange: (v: string) => void; label: string; name: string; maxlength?: number; placeholder?: string }) {
  return <Input className='form-input' name={name} value={value} maxlength={maxlength} aria-label={label} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
}

/** One gate, building, spot, locker or hazard, as its part's form shows it. */
function ItemForm({ f, part, index, errors, set }: { f: CompoundForm; part: Part; index: number; errors: FormErrors; set: (item: Item) => void }) {
  const item = f[part][index] as Item
  const e = (key: string) => errors[`${part}.${index}.${key}`]
  const at = <OffsetField label='位置' at={item.at} error={e('at')} onChange={(p) => set({ ...item, at: p })} />
  if (part === 'gates') {
    const g = item as Gate
    const hours = { always: g.hours.always, week: g.hours.always ? defaultWeek() : g.hours.week }
    const setHours = (h: { always: boolean; week: TimeRange[][] }) => set({ ...g, hours: h.always ? { always: true } : { always: false, week: h.week } })
    return (
      <View>
        <FormField label='门的名称' required error={e('name')}>
          <TextInput label='门的名称' name='gateName' value={g.name} maxlength={20} placeholder='如：1 号门（东门）' onChange={(name) => set({ ...g, name })} />
        </FormField>
        <FormField label='骑手能否通行' error={e('riderAllowed')}>
          <ChoiceChips options={[{ value: true, label: '骑手可通行' }, { value: false, label: '骑手不可通行' }]} value={g.riderAllowed} onChange={(riderAllowed) => set({ ...g, riderAllowed })} />
        </FormField>
        <FormField label='进门方式' error={e('entry')}>
          <ChoiceChips options={ENTRY_METHODS.map((m) => ({ value: m, label: ENTRY_METHOD_LABELS[m] }))} value={g.entry} onChange={(entry) => set({ ...g, entry })} />
        </FormField>
        <FormField label='开放时间' error={e('hours')} hint='夜间关门：只填白天的时段；一天可以有多个时段；关门早于开门表示开到次日'>
          <HoursEditor f={hours} set={setHours} errorOf={(day) => e(`hours.${day}`)} alwaysLabel='24 小时开放' closedLabel='全天关闭' />
        </FormField>
        <FormField label='门的说明' error={e('note')}>
          <TextInput label='门的说明' name='gateNote' value={g.note ?? ''} maxlength={60} placeholder='选填，如：夜间请走东门' onChange={(note) => set({ ...g, note: note.trim() ? note : null })} />
        </FormField>
        {at}
      </View>
    )
  }
  if (part === 'buildings') {
    const b = item as Building
    return (
      <View>
        <FormField label='楼号' required error={e('no')}>
          <TextInput label='楼号' name='no' value={b.no} maxlength={5} placeholder='如：12、3A' onChange={(no) => set({ ...b, no: no.trim().toUpperCase() })} />
        </FormField>
        <View className='cedit-row'>
          <FormField label='单元数' error={e('units')}>
            <NumberInput label='单元数' name='units' value={b.units} onChange={(units) => set({ ...b, units })} />
          </FormField>
          <FormField label='楼层' error={e('floors')}>
            <NumberInput label='楼层' name='floors' value={b.floors} onChange={(floors) => set({ ...b, floors })} />
          </FormField>
        </View>
        <FormField label='电梯' error={e('lift')}>
          <ChoiceChips options={[{ value: true, label: '有电梯' }, { value: false, label: '无电梯' }]} value={b.lift} onChange={(lift) => set({ ...b, lift })} />
        </FormField>
        <FormField label='最近的门' error={e('gateId')} hint={f.gates.length ? undefined : '请先在「门」里添加一个门'}>
          <ChoiceChips options={f.gates.map((g) => ({ value: g.id, label: g.name }))} value={b.gateId} onChange={(gateId) => set({ ...b, gateId, path: [] })} />
        </FormField>
        {at}
      </View>
    )
  }
  if (part === 'parking') {
    const p = item as ParkingSpot
    return (
      <View>
        <FormField label='泊位名称' required error={e('name')}>
          <TextInput label='泊位名称' name='parkingName' value={p.name} maxlength={20} onChange={(name) => set({ ...p, name })} />
        </FormField>
        <FormField label='车位数' error={e('capacity')} hint='选填'>
          <NumberInput label='车位数' name='capacity' value={p.capacity} onChange={(n) => set({ ...p, capacity: Number.isNaN(n) ? null : n })} />
        </FormField>
        <FormField label='泊位说明' error={e('note')}>
          <TextInput label='泊位说明' name='parkingNote' value={p.note ?? ''} maxlength={60} placeholder='选填，如：有充电桩' onChange={(note) => set({ ...p, note: note.trim() ? note : null })} />
        </FormField>
        {at}
      </View>
    )
  }
  if (part === 'lockers') {
    const k = item as Locker
    return (
      <View>
        <FormField label='快递柜名称' required error={e('name')}>
          <TextInput label='快递柜名称' name='lockerName' value={k.name} maxlength={20} onChange={(name) => set({ ...k, name })} />
        </FormField>
        {at}
      </View>
    )
  }
  const h = item as Hazard
  return (
    <View>
      <FormField label='隐患说明' required error={e('text')}>
        <TextInput label='隐患说明' name='hazardText' value={h.text} maxlength={40} placeholder='如：地库坡道，雨天湿滑' onChange={(text) => set({ ...h, text })} />
      </FormField>
      {at}
    </View>
  )
}

const itemLabel = (part: Part, item: Item): string => {
  if (part === 'buildings') return buildingLabel((item as Building).no || '？')
  if (part === 'hazards') return (item as Hazard).text
  return (item as Gate | ParkingSpot | Locker).name
}

const finite = (p: Offset) => Number.isFinite(p.x) && Number.isFinite(p.y)

/** The schematic of the compound being edited (nothing live: every gate drawn as usable unless closed to riders). */
function previewOf(v: CompoundView, f: CompoundForm): CompoundView {
  return {
    ...v,
    outline: f.outline.filter(finite),
    gates: f.gates.filter((g) => finite(g.at)).map((g) => ({ ...g, entryLabel: ENTRY_METHOD_LABELS[g.entry], openNow: true, hoursLabel: '', flaggedClosed: false, usable: g.riderAllowed && g.entry !== 'noEntry' })),
    buildings: f.buildings.filter((b) => finite(b.at)).map((b) => ({ ...b, flaggedWrong: false })),
    parking: f.parking.filter((p) => finite(p.at)).map((p) => ({ ...p, flaggedFull: false })),
    lockers: f.lockers.filter((k) => finite(k.at)).map((k) => ({ ...k, flaggedUnusable: false })),
    hazards: f.hazards.filter((h) => finite(h.at)).map((h) => ({ ...h, flaggedNow: false })),
  }
}

/** The whole compound, editable: every part added, changed or removed; positions by tapping or as offsets; one audited save. */
/** A rider's flag the editor was opened from (its save closes it as fixed). */
interface FlagToHandle {
  id: string
  label: string
}

function Editor({ v: loaded, flag }: { v: CompoundView; flag?: FlagToHandle | null }) {
  const [v, setV] = useState(loaded)
  const [pendingFlag, setPendingFlag] = useState(flag ?? null)
  const original = useMemo(() => fromView(v), [v])
  const [f, setF] = useState(original)
  const [tab, setTab] = useState<Tab>('basic')
  const [selected, setSelected] = useState<Record<Part, number>>({ gates: -1, buildings: -1, parking: -1, lockers: -1, hazards: -1 })
  const [errors, setErrors] = useState<FormErrors>({})
  const { busy, run, error } = useAction()
  const part = tab !== 'basic' && tab !== 'outline' ? tab : null
  const index = part ? selected[part] : -1
  const current = part && index >= 0 ? (f[part][index] as Item | undefined) : undefined

  const set = (next: CompoundForm) => {
    setF(next)
    if (Object.keys(errors).length) setErrors(validate(next, original, v.id))
  }
  const open = (p: Part, i: number) => {
    setTab(p)
    setSelected((s) => ({ ...s, [p]: i }))
  }
  const add = (p: Part) => {
    const item = newItem(f, p, { x: 0, y: 0 })
    set(addItem(f, p, item))
    open(p, f[p].length)
  }
  const pickAt = (at: Offset) => {
    if (tab === 'outline') return set({ ...f, outline: [...f.outline, at] })
    if (part && current) set(withItem(f, part, index, { ...current, at }))
  }
  const showErrors = (found: FormErrors) => {
    setErrors(found)
    const first = firstItemOf(found)
    if (first) open(first.part, first.index)
    else if (found.outline) setTab('outline')
    else setTab('basic')
  }

  const save = async () => {
    const found = validate(f, original, v.id)
    if (Object.keys(found).length) {
      showErrors(found)
      void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none' })
      return
    }
    const patch = changesOf(f, original)
    if (!Object.keys(patch).length) return void Taro.showToast({ title: '没有修改', icon: 'none' })
    let saved: CompoundView | null = null
    const ok = await run(
      async () => {
        saved = await call('compounds', 'update', { id: v.id, patch, resolve: pendingFlag ? [pendingFlag.id] : [] })
      },
      { done: pendingFlag ? '已保存，反馈已处理' : '已保存，骑手下次查找即生效', failure: 'keep', fallback: '保存失败，请重试' },
    )
    if (ok && saved) {
      setPendingFlag(null)
      setV(saved)
      setF(fromView(saved))
      setErrors({})
    }
  }
  // the function's refusal (「1 幢的最近的门「g9」不存在」) goes next to the field it names
  useEffect(() => {
    if (error) showErrors({ [formKeyOf(error.field)]: error.message })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per refusal
  }, [error])

  return (
    <View className='cedit'>
      <View className='cedit__side'>
        <View className='card'>
          <View className='cedit__title'>{f.name || v.name}</View>
          {pendingFlag ? (
            <Notice role='status'>来自骑手反馈「{pendingFlag.label}」：保存修改时，这条反馈会一起标为已处理</Notice>
          ) : null}
          <View className='cedit__hint'>
            {tab === 'outline' ? '依次点出小区的边界（3 个点以上）' : current ? `点示意图，把「${itemLabel(part!, current)}」放到那里` : '选一个门、楼或泊位后，点示意图放到那里'}
          </View>
          <Schematic v={previewOf(v, f)} highlight={part === 'buildings' && current ? current.id : null} pick={current?.at ?? null} onPick={pickAt} />
        </View>
        <View className='card'>
          <ChoiceChips options={TABS} value={tab} onChange={setTab} />
          {part ? (
            <View className='cedit-list' role='list' aria-label={`${PART_LABELS[part]}列表`}>
              {(f[part] as Item[]).map((item, i) => (
                <View
                  key={item.id}
                  role='listitem'
                  className={`cedit-list__row${i === index ? ' cedit-list__row--on' : ''}${Object.keys(errors).some((k) => k.startsWith(`${part}.${i}.`)) ? ' cedit-list__row--error' : ''}`}
                  onClick={() => open(part, i)}
                >
                  {itemLabel(part, item)}
                </View>
              ))}
              {f[part].length === 0 ? <View className='cedit__hint'>还没有{PART_LABELS[part]}</View> : null}
              {errors[part] ? (
                <View className='form-field__error' role='alert'>
                  {errors[part]}
                </View>
              ) : null}
              <Chip onClick={() => add(part)}>+ 新增{PART_LABELS[part]}</Chip>
            </View>
          ) : null}
        </View>
      </View>

      <View className='cedit__main'>
        <View className='card'>
          {tab === 'basic' ? (
            <View>
              <FormField label='小区名称' required error={errors.name}>
                <TextInput label='小区名称' name='name' value={f.name} onChange={(name) => set({ ...f, name })} />
              </FormField>
              <FormField label='别名' error={errors.aliases} hint='骑手常用的叫法，用顿号分开；小区名中间的几个字不用再写'>
                <TextInput label='别名' name='aliases' value={f.aliases} maxlength={120} onChange={(aliases) => set({ ...f, aliases })} />
              </FormField>
              <FormField label='地址' required error={errors.address}>
                <TextInput label='地址' name='address' value={f.address} maxlength={80} onChange={(address) => set({ ...f, address })} />
              </FormField>
              <FormField label='小区锚点（示意图的原点）' error={errors.anchor}>
                <LocationPicker here longitude={f.longitude} latitude={f.latitude} onChange={(p) => set({ ...f, longitude: p.longitude, latitude: p.latitude })} />
              </FormField>
              <FormField label='小哥友好小区' error={errors.friendly} hint='「五专」：专用通道、专用电梯、专用停车、专送路线、专属歇脚点'>
                <ChoiceChips options={[{ value: true, label: '是小哥友好小区' }, { value: false, label: '不是' }]} value={f.friendly} onChange={(friendly) => set({ ...f, friendly })} />
                {f.friendly ? (
                  <ChoiceChips
                    multiple
                    options={FRIENDLY_ITEMS.map((i) => ({ value: i, label: FRIENDLY_ITEM_LABELS[i] }))}
                    value={f.friendlyItems}
                    onChange={(friendlyItems) => set({ ...f, friendlyItems })}
                  />
                ) : null}
              </FormField>
            </View>
          ) : null}
          {tab === 'outline' ? (
            <FormField label='小区轮廓（可不画）' error={errors.outline} hint={`已有 ${f.outline.length} 个点`}>
              <View className='cedit-actions'>
                <Chip disabled={!f.outline.length} onClick={() => set({ ...f, outline: f.outline.slice(0, -1) })}>
                  撤销最后一个点
                </Chip>
                <Chip tone='danger' disabled={!f.outline.length} onClick={() => set({ ...f, outline: [] })}>
                  清除轮廓
                </Chip>
              </View>
            </FormField>
          ) : null}
          {part && current ? (
            <View aria-label={`编辑${itemLabel(part, current)}`}>
              <ItemForm f={f} part={part} index={index} errors={errors} set={(item) => set(withItem(f, part, index, item))} />
              <Chip
                tone='danger'
                onClick={() => {
                  set(removeItem(f, part, index))
                  setSelected((s) => ({ ...s, [part]: -1 }))
                }}
              >
                删除这个{PART_LABELS[part]}
              </Chip>
            </View>
          ) : null}
          {part && !current ? <View className='cedit__hint'>在左侧选一个{PART_LABELS[part]}，或新增一个</View> : null}
        </View>
        {errors.form ? (
          <View className='card form-error' role='alert'>
            {errors.form}
          </View>
        ) : null}
        <Chip tone='primary' className='cedit__save' busy={busy} disabled={busy} onClick={() => void save()}>
          {busy ? '保存中…' : '保存小区'}
        </Chip>
      </View>
    </View>
  )
}

interface NewCompound {
  communityId: string
  name: string
  aliases: string
  address: string
  longitude: string
  latitude: string
}

/** A new compound: community, name, aliases, address and its place (picked, or where the worker stands, asked with consent); its parts come next, in the editor. */
function CreateForm({ onCreated }: { onCreated: (v: CompoundView) => void }) {
  const me = useCall('user', 'me', {})
  const { settings } = useSettings()
  const mine = (settings?.communities ?? []).filter((c) => me.data?.roles.includes('admin') || me.data?.workerCommunityIds.includes(c.id))
  const [f, setF] = useState<NewCompound>({ communityId: '', name: '', aliases: '', address: '', longitude: '', latitude: '' })
  const [errors, setErrors] = useState<FormErrors>({})
  const { busy, run, error } = useAction()
  const communityId = f.communityId || (mine.length === 1 ? mine[0].id : '')
  const input = () => {
    const num = (t: string) => (t.trim() === '' ? NaN : Number(t))
    return { communityId, name: f.name.trim(), aliases: aliasesOf(f.aliases), address: f.address.trim(), anchor: { longitude: num(f.longitude), latitude: num(f.latitude) } }
  }
  const check = () => {
    const out: FormErrors = {}
    for (const [field, message] of Object.entries(problemsOf(createCompoundInput, input()))) {
      const key = formKeyOf(field)
      if (!(key in out)) out[key] = key === 'communityId' ? '请选择社区' : message
    }
    return out
  }
  const set = (next: NewCompound) => {
    setF(next)
    if (Object.keys(errors).length) setErrors(check())
  }
  useEffect(() => {
    if (error) setErrors({ [formKeyOf(error.field)]: error.message })
  }, [error])
  const create = async () => {
    const found = check()
    setErrors(found)
    if (Object.keys(found).length) return
    let made: CompoundView | null = null
    await run(
      async () => {
        made = await call('compounds', 'create', input())
      },
      { done: '已创建，接着添加门和楼', failure: 'keep', fallback: '创建失败，请重试' },
    )
    if (made) onCreated(made)
  }
  if (me.data && !mine.length) return <EmptyView title='还没有为你分配社区' description='请联系区管理员授权后再新建小区' />
  return (
    <View className='card cedit-create'>
      <FormField label='所属社区' required error={errors.communityId}>
        <View className='cedit-create__community'>
          <ChoiceChips options={mine.map((c) => ({ value: c.id, label: c.name }))} value={communityId} onChange={(id) => set({ ...f, communityId: id })} />
        </View>
      </FormField>
      <FormField label='小区名称' required error={errors.name}>
        <TextInput label='小区名称' name='name' value={f.name} placeholder='如：金祝新村' onChange={(name) => set({ ...f, name })} />
      </FormField>
      <FormField label='别名' error={errors.aliases} hint='选填，骑手常用的叫法，用顿号分开'>
        <TextInput label='别名' name='aliases' value={f.aliases} maxlength={120} onChange={(aliases) => set({ ...f, aliases })} />
      </FormField>
      <FormField label='地址' required error={errors.address}>
        <TextInput label='地址' name='address' value={f.address} maxlength={80} placeholder='如：金祝北路 200 号' onChange={(address) => set({ ...f, address })} />
      </FormField>
      <FormField label='小区位置' required error={errors.anchor} hint='选小区中间或主门的位置，门和楼都以它为原点'>
        <LocationPicker here longitude={f.longitude} latitude={f.latitude} onChange={(p) => set({ ...f, longitude: p.longitude, latitude: p.latitude, address: f.address || p.address || '' })} />
      </FormField>
      <View className='cedit__hint'>轮廓、门、楼、泊位等在创建后添加</View>
      <Chip tone='primary' className='cedit__save' busy={busy} disabled={busy} onClick={() => void create()}>
        {busy ? '创建中…' : '创建小区'}
      </Chip>
    </View>
  )
}

function EditLoader({ id, flag }: { id: string; flag: FlagToHandle | null }) {
  const state = useCall('compounds', 'detail', { id })
  return <Loaded state={state}>{(v) => <Editor key={v.id} v={v} flag={flag} />}</Loaded>
}

/** 新建小区 (no id) or 编辑小区 (?id=…): community workers of the compound's community and admins. */
export default function CompoundEditPage() {
  const { params } = useRouter()
  const [created, setCreated] = useState<CompoundView | null>(null)
  const id = params.id ? String(params.id) : ''
  const flag = id && params.flag ? { id: decodeURIComponent(String(params.flag)), label: decodeURIComponent(String(params.flagLabel ?? '')) } : null
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id || created ? '编辑小区' : '新建小区' }).catch(() => undefined)
  }, [id, created])
  let body
  if (created) body = <Editor key={created.id} v={created} />
  else if (id) body = <EditLoader id={id} flag={flag} />
  else body = <CreateForm onCreated={setCreated} />
  return <PageShell className='worker-page cedit-page'>{body}</PageShell>
}
