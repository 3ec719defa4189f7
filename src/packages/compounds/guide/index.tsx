import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import { FLAG_KIND_LABELS, type FlagKind, type FlagTarget, type SearchResult } from '@domain/compounds/model'
import { buildingLabel } from '@domain/compounds/rules'
import { call } from '@/api'
import { useAction } from '@/hooks/useAction'
import { useCall } from '@/hooks/useCall'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import { Chip } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { useNavigate } from '@/components/NavigateSheet'
import Schematic, { Legend } from '@/components/Schematic'
import '../compounds.scss'

const EXAMPLES = ['金祝新村 12幢2单元', '金祝 12-2', 'xhp 5', '文晖新村 13幢']
/** Typing pauses this long before the search runs (a search per keystroke would waste the quota). */
const TYPING_PAUSE_MS = 500

function Answer({ s, onSearch, onFlagged }: { s: SearchResult; onSearch: (q: string) => void; onFlagged: () => void }) {
  const { navigate, sheet } = useNavigate()
  const { busyKey: busy, run } = useAction()
  const v = s.compound
  if (!v) {
    return (
      <EmptyView title={s.problem ?? '没有找到'} description='换个写法试试：小区名的前几个字或拼音首字母，加楼号'>
        {s.others.length ? <View className='guide-answer__sub'>你是不是要找：{s.others.map((o) => o.name).join('、')}</View> : null}
      </EmptyView>
    )
  }
  const gate = s.route ? v.gates.find((g) => g.id === s.route!.gateId) : undefined
  const spot = s.route?.parkingId ? v.parking.find((p) => p.id === s.route!.parkingId) : undefined
  const flag = async (target: FlagTarget, targetId: string, kind: FlagKind) => {
    const ok = await run(() => call('compounds', 'flag', { compoundId: v.id, target, targetId, kind }), { done: '谢谢反馈，已通知社区', key: `${target}:${targetId}`, fallback: '反馈失败，请稍后再试' })
    if (ok) onFlagged()
  }
  return (
    <View>
      <View className='card guide-answer'>
        <View className='guide-answer__title'>
          {v.name}
          {s.building ? ` ${buildingLabel(s.building.no, s.unit)}` : ''}
        </View>
        <View className='guide-answer__sub'>
          {v.communityName} · {v.address}
        </View>
        {v.friendly ? (
          <View className='guide-answer__line'>
            <Tag tone='success'>小哥友好小区</Tag> {v.friendly.labels.join(' · ')}
          </View>
        ) : null}
        {s.problem ? (
          <View className='guide-answer__problem' role='alert'>
            {s.problem}
          </View>
        ) : null}
        {s.guesses.length ? (
          <View className='guide-answer__actions'>
            <View className='guide-answer__sub'>你要找的是不是：</View>
            {s.guesses.map((no) => (
              <Chip key={no} onClick={() => onSearch(`${v.name} ${no}幢`)}>
                {buildingLabel(no)}
              </Chip>
            ))}
          </View>
        ) : null}
        {s.noGateNow ? <View className='guide-answer__problem'>{s.noGateNow}</View> : null}
        {gate && s.route ? (
          <View>
            <View className='guide-answer__gate'>现在走 {gate.name}</View>
            <View className='guide-answer__line'>
              进门方式：<Tag tone='primary'>{gate.entryLabel}</Tag> {gate.hoursLabel}
            </View>
            {gate.note ? <View className='guide-answer__line'>{gate.note}</View> : null}
            <View className='guide-answer__line'>停车：{spot ? `${spot.name}${spot.note ? `（${spot.note}）` : ''}` : '小区没有登记骑手泊位'}</View>
            {s.building ? (
              <View className='guide-answer__line'>
                {buildingLabel(s.building.no)}：{s.building.floors} 层，{s.building.lift ? '有电梯' : '无电梯'}
              </View>
            ) : null}
            <View className='guide-answer__line'>路线：{s.route.summary}</View>
            <View className='guide-answer__actions'>
              <Chip tone='primary' onClick={() => navigate({ ...s.route!.gateLocation, name: `${v.name} ${gate.name}`, address: v.address })}>
                导航到{gate.name.replace(/（.*）/, '')}
              </Chip>
              <Chip tone='danger' busy={busy === `gate:${gate.id}`} onClick={() => void flag('gate', gate.id, 'gateClosed')}>
                {FLAG_KIND_LABELS.gateClosed}
              </Chip>
              {s.building ? (
                <Chip tone='danger' busy={busy === `building:${s.building.id}`} onClick={() => void flag('building', s.building!.id, 'wrongNumber')}>
                  {FLAG_KIND_LABELS.wrongNumber}
                </Chip>
              ) : null}
              {spot ? (
                <Chip tone='danger' busy={busy === `parking:${spot.id}`} onClick={() => void flag('parking', spot.id, 'cannotPark')}>
                  {FLAG_KIND_LABELS.cannotPark}
                </Chip>
              ) : null}
            </View>
          </View>
        ) : null}
      </View>
      <View className='card'>
        <Schematic v={v} route={s.route} highlight={s.building?.id ?? null} />
        <Legend />
        {v.hazards.map((h) => (
          <View key={h.id} className='guide-answer__line guide-part'>
            <View className='guide-part__name'>
              注意：{h.text}
              {h.flaggedNow ? <Tag tone='danger'>骑手反馈：积水/施工</Tag> : null}
            </View>
            <Chip tone='danger' busy={busy === `hazard:${h.id}`} onClick={() => void flag('hazard', h.id, 'hazardNow')}>
              {FLAG_KIND_LABELS.hazardNow}
            </Chip>
          </View>
        ))}
        {v.lockers.map((k) => (
          <View key={k.id} className='guide-answer__line guide-part'>
            <View className='guide-part__name'>
              柜：{k.name}
              {k.flaggedUnusable ? <Tag tone='danger'>骑手反馈：满了或坏了</Tag> : null}
            </View>
            <Chip tone='danger' busy={busy === `locker:${k.id}`} onClick={() => void flag('locker', k.id, 'lockerUnusable')}>
              {FLAG_KIND_LABELS.lockerUnusable}
            </Chip>
          </View>
        ))}
      </View>
      {s.others.length ? (
        <View className='card guide-others'>
          <View className='guide-answer__sub'>同名或相近的小区</View>
          {s.others.map((o) => (
            <View key={o.id} className='guide-others__row' role='button' onClick={() => onSearch(`${o.name}${s.understood.building ? ` ${s.understood.building}幢` : ''}`)}>
              {o.name} · {o.communityName}
            </View>
          ))}
        </View>
      ) : null}
      {sheet}
    </View>
  )
}

/** 小区通行指引: type 「金祝新村 12幢2单元」 and get the gate to use now, where to park, the entry rule and the walk. */
export default function CompoundGuidePage() {
  const router = useRouter()
  const initial = decodeURIComponent(router.params.q ?? '')
  const [text, setText] = useState(initial)
  const [q, setQ] = useState(initial)
  useEffect(() => {
    if (text.trim() === q || text.trim().length < 2) return
    const t = setTimeout(() => setQ(text.trim()), TYPING_PAUSE_MS)
    return () => clearTimeout(t)
  }, [text, q])
  const state = useCall('compounds', 'search', { q: q || '-' }, { auto: !!q })
  const search = (value: string) => {
    setText(value)
    setQ(value.trim())
  }
  return (
    <PageShell className='guide-page'>
      <View className='card'>
        <View className='guide-search'>
          <Input
            className='guide-search__input'
            name='q'
            value={text}
            maxlength={40}
            confirmType='search'
            placeholder='小区 + 楼号，如 金祝新村 12幢2单元'
            onInput={(e) => setText(e.detail.value)}
            onConfirm={() => search(text)}
          />
          <Chip tone='primary' onClick={() => search(text)}>
            查找
          </Chip>
        </View>
        {!q ? (
          <View className='guide-search__examples'>
            {EXAMPLES.map((ex) => (
              <Chip key={ex} onClick={() => search(ex)}>
                {ex}
              </Chip>
            ))}
          </View>
        ) : null}
      </View>
      {q ? (
        <Loaded state={state} loadingText='正在查找…'>
          {(s) => <Answer s={s} onSearch={search} onFlagged={() => void state.refresh()} />}
        </Loaded>
      ) : (
        <EmptyView title='输入小区和楼号' description='告诉你现在走哪个门、车停哪里、怎么走到楼下；支持「金祝 12-2」和拼音首字母' />
      )}
    </PageShell>
  )
}
