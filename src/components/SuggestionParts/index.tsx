import { Image, View } from '@tarojs/components'
import type { SuggestionListItem, SuggestionStatus, SuggestionView, TimelineView } from '@domain/entities/suggestion'
import { dueLabel } from '@domain/suggestions/deadlines'
import { offsetMeters } from '@domain/geo'
import Tag, { type TagTone } from '@/components/Tag'
import './index.scss'
import { formatDateTime } from '@domain/time'

const TONE: Record<SuggestionStatus, TagTone> = {
  submitted: 'warning',
  accepted: 'primary',
  inProgress: 'primary',
  resolved: 'success',
  closed: 'success',
  notResponsible: 'default',
  duplicate: 'default',
}

export function StatusTag({ status, label, overdue }: { status: SuggestionStatus; label: string; overdue?: boolean }) {
  return (
    <>
      <Tag tone={TONE[status]}>{label}</Tag>
      {overdue ? <Tag tone='danger'>已超期</Tag> : null}
    </>
  )
}

export function ReportRow({ item, onClick }: { item: SuggestionListItem; onClick: () => void }) {
  const open = ['submitted', 'accepted', 'inProgress'].includes(item.status)
  return (
    <View className='sg-row' role='button' onClick={onClick}>
      <View className='sg-row__head'>
        <View className='sg-row__cat'>{item.categoryLabel}</View>
        <StatusTag status={item.status} label={item.statusLabel} overdue={item.overdue} />
        {item.relation === 'joined' ? <Tag>我也遇到</Tag> : null}
      </View>
      <View className='sg-row__text'>{item.excerpt ?? '（内容审核中）'}</View>
      <View className='sg-row__meta muted'>
        {item.communityName} · {formatDateTime(item.createdAt)}
        {item.joinCount ? ` · ${item.joinCount} 人也遇到` : ''}
        {open ? ` · 办理时限 ${dueLabel(new Date(item.dueAt))}` : ''}
      </View>
    </View>
  )
}

const EVENT_LABEL: Record<TimelineView['type'], string> = {
  submitted: '提交反映',
  accepted: '社区受理',
  started: '开始办理',
  transferred: '转办',
  replied: '社区回复',
  resolved: '办结',
  notResponsible: '非本社区职责',
  duplicate: '重复反映',
  reopened: '重新打开',
  confirmed: '确认并评价',
  released: '审核通过',
}

export function Timeline({ view }: { view: SuggestionView }) {
  return (
    <View className='sg-timeline'>
      {view.timeline.map((e) => (
        <View key={e.id} className={`sg-timeline__item sg-timeline__item--${e.type}`}>
          <View className='sg-timeline__dot' />
          <View className='sg-timeline__body'>
            <View className='sg-timeline__title'>
              {EVENT_LABEL[e.type]}
              {e.toCommunityName ? ` → ${e.toCommunityName}` : ''}
              {e.rating ? (
                <View className='sg-timeline__stars' aria-label={`${e.rating} 星`}>
                  {'★'.repeat(e.rating)}
                  <View className='sg-timeline__stars-off'>{'★'.repeat(5 - e.rating)}</View>
                </View>
              ) : null}
              {e.held ? <Tag tone='warning'>待人工复核</Tag> : null}
            </View>
            <View className='muted'>
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </View>
            {e.note ? <View className='sg-timeline__note'>{e.note}</View> : null}
            {e.duplicateOf ? <View className='muted'>原反映编号 {e.duplicateOf}</View> : null}
            {e.photoUrls.length ? (
              <View className='sg-photos'>
                {e.photoUrls.filter(Boolean).map((u) => (
                  <Image key={u} className='sg-photos__img' src={u} mode='aspectFill' />
                ))}
              </View>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}

export function ReportSummary({ view }: { view: SuggestionView }) {
  const open = ['submitted', 'accepted', 'inProgress'].includes(view.status)
  return (
    <View className='card'>
      <View className='sg-row__head'>
        <View className='card__title'>{view.categoryLabel}</View>
        <StatusTag status={view.status} label={view.statusLabel} overdue={view.overdue} />
      </View>
      <View className='sg-detail__text'>{view.text ?? '（内容审核中，审核通过后公开）'}</View>
      {view.textHeld && view.text ? <View className='muted'>内容待社区工作者人工复核，复核前仅你和社区工作者可见</View> : null}
      {view.photoUrls.length ? (
        <View className='sg-photos'>
          {view.photoUrls.filter(Boolean).map((u) => (
            <Image key={u} className='sg-photos__img' src={u} mode='aspectFill' />
          ))}
        </View>
      ) : null}
      <View className='muted'>
        {view.communityName}
        {view.address ? ` · ${view.address}` : ''} · 提交于 {formatDateTime(view.createdAt)}
      </View>
      {open ? <View className={view.overdue ? 'sg-due sg-due--over' : 'sg-due'}>办理时限：{dueLabel(new Date(view.dueAt))}</View> : null}
      {view.joinCount ? <View className='muted'>{view.joinCount} 位骑手也遇到这个问题</View> : null}
      {view.reporterName !== undefined ? (
        <View className='muted'>
          反映人：{view.reporterName ?? '—'}
          {view.anonymous ? '（对外匿名）' : ''}
        </View>
      ) : null}
    </View>
  )
}

/** Reports on a schematic (h5 has no map SDK offline): true directions around their centre. */
export function ReportsMap({ items, onPick }: { items: SuggestionListItem[]; onPick: (id: string) => void }) {
  if (!items.length) return null
  const centre = {
    longitude: items.reduce((s, i) => s + i.location[0], 0) / items.length,
    latitude: items.reduce((s, i) => s + i.location[1], 0) / items.length,
  }
  const offs = items.map((i) => offsetMeters(centre, { longitude: i.location[0], latitude: i.location[1] }))
  const span = Math.max(200, ...offs.map((o) => Math.max(Math.abs(o.x), Math.abs(o.y)))) * 1.1
  // pins stay inside the middle 80 % so none sits on the legend or the note
  const pos = (o: { x: number; y: number }) => ({ left: `${50 + (o.x / span) * 40}%`, top: `${50 - (o.y / span) * 40}%` })
  return (
    <View className='sg-map' aria-label='反映位置示意图'>
      <View className='sg-map__axis'>北 ↑</View>
      <View className='sg-map__legend'>
        <View className='sg-map__key sg-map__key--open'>受理/办理中</View>
        <View className='sg-map__key sg-map__key--done'>已办结</View>
      </View>
      {items.map((i, k) => (
        <View
          key={i.id}
          role='button'
          aria-label={`${i.categoryLabel} ${i.statusLabel}`}
          className={`sg-map__pin sg-map__pin--${i.status}`}
          style={pos(offs[k])}
          onClick={() => onPick(i.id)}
        >
          {i.categoryLabel.slice(0, 1)}
        </View>
      ))}
      <View className='sg-map__note'>示意图：方位准确，范围约 {(span * 2 >= 1000 ? `${(span * 2 / 1000).toFixed(1)} 公里` : `${Math.round(span * 2)} 米`)}，点圆点看详情</View>
    </View>
  )
}
