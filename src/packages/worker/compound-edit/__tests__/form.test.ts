import type { CompoundView } from '@domain/compounds/model'
import { compoundView } from '@domain/compounds/rules'
import { demoCompounds } from '../../../../../scripts/demo/compounds'
import { addItem, changesOf, firstItemOf, formKeyOf, fromView, newItem, nextId, removeItem, validate, withItem, type CompoundForm } from '../form'

const NOON = new Date('2026-12-03T12:00:00+08:00')
const view: CompoundView = compoundView(demoCompounds[0], demoCompounds[0].communityName, NOON)
const bare: CompoundView = { ...view, id: 'cp-new', outline: [], gates: [], buildings: [], parking: [], lockers: [], hazards: [], friendly: null }

describe('the compound editor form', () => {
  it('round-trips a compound: nothing edited, nothing sent; one gate edited, the gates sent whole', () => {
    const f = fromView(view)
    expect(changesOf(f, f)).toEqual({})
    expect(validate(f, f, view.id)).toEqual({})
    const g = f.gates[1]
    const edited = withItem(f, 'gates', 1, { ...g, hours: { always: false, week: Array.from({ length: 7 }, () => [{ open: '06:00', close: '12:00' }, { open: '14:00', close: '22:00' }]) } })
    const patch = changesOf(edited, f)
    expect(Object.keys(patch)).toEqual(['gates'])
    expect(patch.gates).toHaveLength(f.gates.length)
    expect(patch.gates![1].hours).toMatchObject({ always: false, week: expect.arrayContaining([[{ open: '06:00', close: '12:00' }, { open: '14:00', close: '22:00' }]]) })
  })

  it('a bare compound gets a gate and two buildings with fresh ids, the buildings at that gate', () => {
    let f: CompoundForm = fromView(bare)
    f = addItem(f, 'gates', newItem(f, 'gates', { x: 0, y: -20 }))
    f = addItem(f, 'buildings', newItem(f, 'buildings', { x: -30, y: 40 }))
    f = addItem(f, 'buildings', newItem(f, 'buildings', { x: 30, y: 40 }))
    expect(f.gates.map((g) => [g.id, g.name])).toEqual([['g1', '1 号门']])
    expect(f.buildings.map((b) => [b.id, b.no, b.gateId])).toEqual([
      ['b1', '1', 'g1'],
      ['b2', '2', 'g1'],
    ])
    expect(validate(f, fromView(bare), bare.id)).toEqual({})
    expect(Object.keys(changesOf(f, fromView(bare))).sort()).toEqual(['buildings', 'gates'])
    // renamed before any gate is added: only the name is checked (and sent)
    expect(validate({ ...fromView(bare), name: '金祝花园' }, fromView(bare), bare.id)).toEqual({})
    // a building without a gate is refused by the field
    const noGate = addItem(fromView(bare), 'buildings', newItem(fromView(bare), 'buildings', { x: 0, y: 0 }))
    expect(Object.keys(validate(noGate, fromView(bare), bare.id))).toEqual(expect.arrayContaining(['gates']))
    expect(nextId([{ id: 'g1' }, { id: 'g3' }], 'g')).toBe('g4')
  })

  it('removing a gate moves its buildings to a gate that is left', () => {
    const f = fromView(view)
    const gone = f.gates[0].id
    const next = removeItem(f, 'gates', 0)
    expect(next.gates.map((g) => g.id)).not.toContain(gone)
    expect(next.buildings.every((b) => next.gates.some((g) => g.id === b.gateId))).toBe(true)
    expect(validate(next, f, view.id)).toEqual({})
  })

  it('names the item and field at fault, as the function would', () => {
    const f = fromView(view)
    const far = withItem(f, 'buildings', 2, { ...f.buildings[2], at: { x: 5000, y: 0 } })
    const errors = validate(far, f, view.id)
    expect(errors['buildings.2.at']).toMatch(/东西向位置 x超出小区范围/)
    expect(firstItemOf(errors)).toEqual({ part: 'buildings', index: 2 })
    const badHours = withItem(f, 'gates', 0, { ...f.gates[0], hours: { always: false, week: [[], [], [{ open: '25:00', close: '08:00' }], [], [], [], []] } })
    expect(Object.keys(validate(badHours, f, view.id))).toEqual(['gates.0.hours.2'])
    const dup = withItem(f, 'buildings', 1, { ...f.buildings[1], no: f.buildings[0].no })
    expect(validate(dup, f, view.id)['buildings.1.no']).toBe(`楼号「${f.buildings[0].no}」重复`)
    expect(validate({ ...f, outline: [{ x: 0, y: 0 }] }, f, view.id).outline).toBe('小区轮廓至少需要 3 个点（不画轮廓可留空）')
    expect(validate({ ...f, name: '' }, f, view.id).name).toBeTruthy()
  })

  it('reads the function’s error fields', () => {
    expect(formKeyOf('patch.buildings.1.at.x')).toBe('buildings.1.at')
    expect(formKeyOf('patch.buildings.0.gateId')).toBe('buildings.0.gateId')
    expect(formKeyOf('patch.gates.3.hours.week.6.1.close')).toBe('gates.3.hours.6')
    expect(formKeyOf('patch.anchor.longitude')).toBe('anchor')
    expect(formKeyOf('patch.gates')).toBe('gates')
    expect(formKeyOf('name')).toBe('name')
    expect(formKeyOf(undefined)).toBe('form')
  })
})
