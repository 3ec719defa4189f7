import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Input, View } from '@tarojs/components'
import { ENTRY_METHODS, ENTRY_METHOD_LABELS, type CompoundView, type EntryMethod, type FlagView, type Gate } from '@domain/compounds/model'
import { editableParts } from '@domain/compounds/rules'
import { daily } from '@domain/places/opening-hours'
import { formatDateTime } from '@domain/time'
import { call } from '@/api'
import { useAction } from '@/hooks/useAction'
import { useCall } from '@/hooks/useCall'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { useRefreshOnShow } from '@/hooks/useRefreshOnShow'
import { WORKER_COMPOUND_EDIT } from '@/routes'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Chip } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import Schematic from '@/components/Schematic'
import './index.scss'

const num = (s: string) => (s.trim() === '' ? NaN : Number(s))

/** The one row of the flagged target, as the worker edits it (positions in metres from the anchor). */
interface Draft {
  name: string
  no: string
  x: string
  y: string
  riderAllowed: boolean
  entry: EntryMethod
  always: boolean
  open: string
  close: string
  gateId: string
  remove: boolean
}

function draftOf(v: CompoundView, f: FlagView): Draft {
  const base: Draft = { name: '', no: '', x: '', y: '', riderAllowed: true, entry: 'scanPass', always: true, open: '06:00', close: '22:00', gateId: '', remove: false }
  if (f.target === 'gate') {
    const g = v.gates.find((x) => x.id === f.targetId)
    if (!g) return base
    const range = !g.hours.always ? g.hours.week[0]?.[0] : undefined
    return { ...base, name: g.name, x: String(g.at.x), y: String(g.at.y), riderAllowed: g.riderAllowed, entry: g.entry, always: g.hours.always, open: range?.open ?? '06:00', close: range?.close ?? '22:00' }
  }
  if (f.target === 'building') {
    const b = v.buildings.find((x) => x.id === f.targetId)
    return b ? { ...base, no: b.no, x: String(b.at.x), y: String(b.at.y), gateId: b.gateId } : base
  }
  if (f.target === 'parking') {
    const p = v.parking.find((x) => x.id === f.targetId)
    return p ? { ...base, name: p.name, x: String(p.at.x), y: String(p.at.y) } : base
  }
  if (f.target === 'locker') {
    const k = v.lockers.find((x) => x.id === f.targetId)
    return k ? { ...base, name: k.name, x: String(k.at.x), y: String(k.at.y) } : base
  }
  const h = v.hazards.find((x) => x.id === f.targetId)
  return h ? { ...base, name: h.text, x: String(h.at.x), y: String(h.at.y) } : base
}

/** The patch that puts the draft into the compound: the whole part (gates, buildings, parking, lockers or hazards) with that row replaced or removed. */
function patchOf(v: CompoundView, f: FlagView, d: Draft) {
  const parts = editableParts(v)
  const at = { x: num(d.x), y: num(d.y) }
  const edit = <T extends { id: string }>(rows: T[], change: (row: T) => T) => (d.remove ? rows.filter((r) => r.id !== f.targetId) : rows.map((r) => (r.id === f.targetId ? change(r) : r)))
  switch (f.target) {
    case 'gate':
      return { gates: parts.gates.map((g): Gate => (g.id === f.targetId ? { ...g, name: d.name, at, riderAllowed: d.riderAllowed, entry: d.entry, hours: d.always ? { always: true } : daily(d.open, d.close) } : g)) }
    case 'building':
      return { buildings: parts.buildings.map((b) => (b.id === f.targetId ? { ...b, no: d.no.trim().toUpperCase(), at, gateId: d.gateId } : b)) }
    case 'parking':
      return { parking: edit(parts.parking, (p) => ({ ...p, name: d.name, at })) }
    case 'locker':
      return { lockers: edit(parts.lockers, (k) => ({ ...k, name: d.name, at })) }
    case 'hazard':
      return { hazards: edit(parts.hazards, (h) => ({ ...h, text: d.name, at })) }
  }
}

const REMOVABLE: Partial<Record<FlagView['target'], [string, string]>> = {
  parking: ['泊位名称', '删除这个泊位'],
  locker: ['快递柜名称', '删除这个快递柜'],
  hazard: ['隐患说明', '已消除，删除这条提醒'],
}

function Field({ label, value, onInput, name }: { label: string; value: string; name: string; onInput: (v: string) => void }) {
  return (
    <View className='cflag-field'>
      <View className='cflag-field__label'>{label}</View>
      <Input className='cflag-field__input' name={name} value={value} onInput={(e) => onInput(e.detail.value)} />
    </View>
  )
}

function Editor({ f, onDone }: { f: FlagView; onDone: () => void }) {
  const state = useCall('compounds', 'detail', { id: f.compoundId })
  const [draft, setDraft] = useState<Draft | null>(null)
  const { busy, error, run } = useAction()
  const save = async (v: CompoundView, d: Draft) => {
    if (await run(() => call('compounds', 'update', { id: v.id, patch: patchOf(v, f, d), resolve: [f.id] }), { done: '已修改，骑手下次查找即生效', failure: 'keep', fallback: '保存失败，请重试' })) onDone()
  }
  const dismiss = async () => {
    if (await run(() => call('compounds', 'dismissFlag', { id: f.id }), { done: '已标记为不需修改', failure: 'keep', fallback: '操作失败，请重试' })) onDone()
  }
  return (
    <Loaded state={state}>
      {(v) => {
        const d = draft ?? draftOf(v, f)
        const set = (patch: Partial<Draft>) => setDraft({ ...d, ...patch })
        return (
          <View className='cflag-editor' aria-label='修改小区'>
            {f.target === 'gate' ? (
              <View>
                <Field label='门的名称' name='gateName' value={d.name} onInput={(name) => set({ name })} />
                <View className='cflag-chips'>
                  <Chip on={d.riderAllowed} onClick={() => set({ riderAllowed: !d.riderAllowed })}>
                    骑手可通行
                  </Chip>
                  <Chip on={d.always} onClick={() => set({ always: !d.always })}>
                    24 小时开放
                  </Chip>
                </View>
                {!d.always ? (
                  <View className='cflag-row'>
                    <Field label='开门' name='open' value={d.open} onInput={(open) => set({ open })} />
                    <Field label='关门' name='close' value={d.close} onInput={(close) => set({ close })} />
                  </View>
                ) : null}
                <View className='cflag-chips' role='group' aria-label='进门方式'>
                  {ENTRY_METHODS.map((m) => (
                    <Chip key={m} on={d.entry === m} onClick={() => set({ entry: m })}>
                      {ENTRY_METHOD_LABELS[m]}
                    </Chip>
                  ))}
                </View>
              </View>
            ) : null}
            {f.target === 'building' ? (
              <View>
                <Field label='楼号' name='no' value={d.no} onInput={(no) => set({ no })} />
                <View className='cflag-chips' role='group' aria-label='最近的门'>
                  {v.gates.map((g) => (
                    <Chip key={g.id} on={d.gateId === g.id} onClick={() => set({ gateId: g.id })}>
                      {g.name}
                    </Chip>
                  ))}
                </View>
              </View>
            ) : null}
            {REMOVABLE[f.target] ? (
              <View>
                <Field label={REMOVABLE[f.target]![0]} name='partName' value={d.name} onInput={(name) => set({ name })} />
                <View className='cflag-chips'>
                  <Chip on={d.remove} tone='danger' onClick={() => set({ remove: !d.remove })}>
                    {REMOVABLE[f.target]![1]}
                  </Chip>
                </View>
              </View>
            ) : null}
            <View className='cflag-hint'>点示意图上的位置，或直接填写米数</View>
            <Schematic
              v={v}
              highlight={f.target === 'building' ? f.targetId : null}
              pick={{ x: num(d.x), y: num(d.y) }}
              onPick={(at) => set({ x: String(at.x), y: String(at.y) })}
            />
            <View className='cflag-row'>
              <Field label='位置 x（向东，米）' name='x' value={d.x} onInput={(x) => set({ x })} />
              <Field label='位置 y（向北，米）' name='y' value={d.y} onInput={(y) => set({ y })} />
            </View>
            {error ? (
              <View className='cflag-error' role='alert'>
                {error.message}
              </View>
            ) : null}
            <View className='cflag-chips'>
              <Chip tone='primary' busy={busy} disabled={busy} onClick={() => void save(v, d)}>
                保存修改并处理
              </Chip>
              <Chip busy={busy} disabled={busy} onClick={() => void dismiss()}>
                不需修改
              </Chip>
              <Chip onClick={() => edit(v.id, f)}>编辑整个小区</Chip>
            </View>
          </View>
        )
      }}
    </Loaded>
  )
}

/** The whole editor (新建 without an id); opened from a flag, saving there handles the flag too. */
const edit = (id?: string, flag?: FlagView) =>
  void Taro.navigateTo({
    url: !id ? WORKER_COMPOUND_EDIT : `${WORKER_COMPOUND_EDIT}?id=${encodeURIComponent(id)}${flag ? `&flag=${encodeURIComponent(flag.id)}&flagLabel=${encodeURIComponent(flag.targetLabel)}` : ''}`,
  })

/** The compounds of the worker's communities, each opening the whole editor; and 新建小区. */
function MyCompounds({ state }: { state: ReturnType<typeof useCompounds> }) {
  return (
    <View className='card cflag-mine' aria-label='我的小区'>
      <View className='cflag__head'>
        <View className='cflag__title'>我的小区</View>
        <Chip tone='primary' onClick={() => edit()}>
          新建小区
        </Chip>
      </View>
      {(state.data ?? []).map((c) => (
        <View key={c.id} className='cflag-mine__row' role='button' aria-label={`编辑${c.name}`} onClick={() => edit(c.id)}>
          <View>
            {c.name} · {c.buildings} 栋 · {c.gates.length} 个门
          </View>
          {c.openFlags ? <Tag tone='danger'>{c.openFlags} 条反馈</Tag> : <View className='link'>编辑</View>}
        </View>
      ))}
    </View>
  )
}

const useCompounds = () => useCall('compounds', 'listMine', {})

/** The community's compound flags, newest first; each opens an editor of the flagged gate, building or spot (every edit audited). */
export default function CompoundFlagsPage() {
  const state = useCall('compounds', 'flags', {})
  const compounds = useCompounds()
  const [open, setOpen] = useState<string | null>(null)
  usePullToRefresh(() => Promise.all([state.refresh(), compounds.refresh()]).then(() => undefined))
  // back from the whole editor: its save may have handled a flag and changed the compounds
  useRefreshOnShow(() => Promise.all([state.refresh(), compounds.refresh()]))
  return (
    <PageShell className='cflag-page'>
      <MyCompounds state={compounds} />
      <Loaded state={state}>
        {(flags) =>
          flags.length === 0 ? (
            <EmptyView title='没有待处理的小区反馈' description='骑手反馈「这个门关了」「楼号不对」「车停不了」「柜子满了/坏了」「坡道积水/施工」时会出现在这里' />
          ) : (
            <View>
              {flags.map((f) => (
                <View key={f.id} className='card cflag'>
                  <View className='cflag__head'>
                    <View className='cflag__title'>
                      {f.compoundName} · {f.targetLabel}
                    </View>
                    <Tag tone='danger'>{f.label}</Tag>
                  </View>
                  <View className='cflag__meta'>{formatDateTime(f.at)}</View>
                  {f.note ? <View className='cflag__note'>{f.note}</View> : null}
                  {open === f.id ? (
                    <Editor
                      f={f}
                      onDone={() => {
                        setOpen(null)
                        void state.refresh()
                      }}
                    />
                  ) : (
                    <Chip tone='primary' onClick={() => setOpen(f.id)}>
                      处理
                    </Chip>
                  )}
                </View>
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
