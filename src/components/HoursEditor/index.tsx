import { Input, Switch, View } from '@tarojs/components'
import type { TimeRange } from '@domain/places/opening-hours'
import { WEEKDAY_LABELS } from '@domain/time'
import { addRange, copyDayToAll, isOvernight, removeRange, setRange } from './week'
import './index.scss'

/**
 * Opening hours of a week, as a worker sets them (a place's, a compound gate's): 24 hours, or per
 * day any number of ranges (closed at night = one range; a lunch break = two), an empty day closed,
 * and 「复制到每天」 for a week that is the same every day.
 */
export default function HoursEditor<F extends { always: boolean; week: TimeRange[][] }>({
  f,
  set,
  errorOf,
  alwaysLabel = '24 小时营业',
  closedLabel = '休息',
}: {
  f: F
  set: (f: F) => void
  /** the message of one weekday's ranges (0 = Monday) */
  errorOf: (day: number) => string | undefined
  alwaysLabel?: string
  closedLabel?: string
}) {
  return (
    <View>
      <View className='hours-always'>
        <View>{alwaysLabel}</View>
        <Switch checked={f.always} color='#ff7a00' aria-label={alwaysLabel} onChange={(e) => set({ ...f, always: e.detail.value })} />
      </View>
      {f.always
        ? null
        : f.week.map((ranges, day) => (
            <View key={day} className='hours-day'>
              <View className='hours-day__head'>
                <View className='hours-day__name'>{WEEKDAY_LABELS[day]}</View>
                {ranges.length === 0 ? <View className='muted'>{closedLabel}</View> : null}
                <View className='hours-day__tools'>
                  <View className='link' role='button' aria-label={`${WEEKDAY_LABELS[day]}加一个时段`} onClick={() => set(addRange(f, day))}>
                    + 时段
                  </View>
                  {day === 0 ? (
                    <View className='link' role='button' onClick={() => set(copyDayToAll(f, 0))}>
                      复制到每天
                    </View>
                  ) : null}
                </View>
              </View>
              {ranges.map((r, i) => (
                <View key={i} className='hours-range'>
                  <Input className='form-input form-input--short' value={r.open} maxlength={5} placeholder='08:00' aria-label={`${WEEKDAY_LABELS[day]}开门`} onInput={(e) => set(setRange(f, day, i, { open: e.detail.value }))} />
                  <View className='hours-range__dash'>至</View>
                  {isOvernight(r) ? <View className='hours-range__next'>次日</View> : null}
                  <Input className='form-input form-input--short' value={r.close} maxlength={5} placeholder='20:00' aria-label={`${WEEKDAY_LABELS[day]}关门`} onInput={(e) => set(setRange(f, day, i, { close: e.detail.value }))} />
                  <View className='link link--danger' role='button' onClick={() => set(removeRange(f, day, i))}>
                    删除
                  </View>
                </View>
              ))}
              {errorOf(day) ? (
                <View className='form-field__error' role='alert'>
                  {errorOf(day)}
                </View>
              ) : null}
            </View>
          ))}
    </View>
  )
}
