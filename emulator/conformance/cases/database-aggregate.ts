/**
 * Aggregation: every stage and operator case of CloudBase node-sdk's production-run
 * aggregation.test.ts, command.test.ts and lookup-pipeline.test.ts (adapted to wx-server-sdk:
 * `list` for `data`), and the reference pages' documented behaviours the emulator got wrong.
 */
import { defineArea } from '../case'
import { expressionCase, mongoDoc, pipelineCase, plain, upstream, wxDoc } from './sources'

const AGG = 'unit/aggregation.test.ts'
const CMD = 'unit/command.test.ts'

const ARTICLES = [
  { author: 'stark', score: 80 },
  { author: 'stark', score: 85 },
  { author: 'bob', score: 60 },
  { author: 'li', score: 55 },
  { author: 'jimmy', score: 60 },
  { author: 'li', score: 94 },
  { author: 'justan', score: 95 },
]
const PASSAGES = [
  { category: 'Web', tags: ['JavaScript', 'C#'] },
  { category: 'Web', tags: ['Go', 'C#'] },
  { category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
]
const STUDENTS = [
  { group: 'a', name: 'stu1', score: 84 },
  { group: 'a', name: 'stu2', score: 96 },
  { group: 'b', name: 'stu3', score: 80 },
  { group: 'b', name: 'stu4', score: 100 },
]
// command.test's students; their dates were `new Date('1999/12/12')` in UTC+8, i.e. 16:00Z the day before
const NAMED_STUDENTS = [
  { birthday: '1999/12/12', date: new Date('1999-12-11T16:00:00Z'), firstName: 'Yuanxin', group: 'a', lastName: 'Dong', score: 84 },
  { birthday: '1998/11/11', date: new Date('1998-11-10T16:00:00Z'), firstName: 'Weijia', group: 'a', lastName: 'Wang', score: 96 },
  { birthday: '1997/10/10', date: new Date('1997-10-09T16:00:00Z'), firstName: 'Chengxi', group: 'b', lastName: 'Li', score: 80 },
]
const GOODS = [
  { name: 'a', amount: 100, desc: 'A' },
  { name: 'b', amount: 200, desc: null },
  { name: 'c', amount: 300 },
]
const SETS = [
  { A: [1, 2], B: [1, 2] },
  { A: [1, 2], B: [2, 1, 2] },
  { A: [1, 2], B: [1, 2, 3] },
  { A: [1, 2], B: [3, 1] },
  { A: [1, 2], B: [] },
  { A: [1, 2], B: [{}, []] },
  { A: [], B: [] },
  { A: [], B: [1] },
]
const BOOLS = [{ arr: [true] }, { arr: [] }, { arr: [true, false] }, { arr: [1] }, { arr: [1, 0] }, { arr: ['stark'] }]
const SIZES = [
  { product: 'tshirt', size: ['S', 'M', 'L'] },
  { product: 'pants', size: [] },
  { product: 'socks', size: null },
  { product: 'trousers', size: ['S'] },
  { product: 'sweater', size: ['M', 'L'] },
]
const DATE = new Date(1557826731686) // 2019-05-14T09:38:51.686Z, a Tuesday

const upstreamCases = [
  {
    id: 'agg.sample-size-1',
    title: 'sample({size: 1}) answers one document',
    source: upstream(AGG, 'sample › sample'),
    async run({ db, freshCollection }: any) {
      const name = await freshCollection([{ name: 'a' }, { name: 'b' }])
      return (await db.collection(name).aggregate().sample({ size: 1 }).end()).list.length
    },
    check: (n: number, expect: any) => expect(n).toBe(1),
  },
  pipelineCase({
    id: 'agg.sortByCount-field',
    title: 'sortByCount groups by a field and sorts by count, descending',
    source: upstream(AGG, 'sortByCount › 统计基础类型'),
    docs: PASSAGES,
    pipeline: (a) => a.sortByCount('$category'),
    expect: [
      { _id: 'Web', count: 2 },
      { _id: 'Life', count: 1 },
    ],
  }),
  {
    id: 'agg.sortByCount-unwound',
    title: 'unwind then sortByCount counts array elements (4 distinct tags)',
    source: upstream(AGG, 'sortByCount › 解构数组类型'),
    async run({ db, freshCollection }: any) {
      const name = await freshCollection(PASSAGES)
      return plain((await db.collection(name).aggregate().unwind('$tags').sortByCount('$tags').end()).list)
    },
    check(list: { _id: string; count: number }[], expect: any) {
      expect(list).toHaveLength(4)
      expect(list.slice(0, 3).map((r) => r.count)).toEqual([2, 2, 2])
      expect(list[3]).toEqual({ _id: 'Python', count: 1 })
    },
  },
  pipelineCase({
    id: 'agg.match-field-or',
    title: 'match with a field-level or of eq and neq matches every document',
    source: upstream(AGG, 'match › 匹配 字段 or 逻辑'),
    docs: ARTICLES,
    pipeline: (a, _$, _) => a.match({ author: _.or(_.eq('stark'), _.neq('stark')) }).project({ _id: 0 }),
    expect: ARTICLES,
  }),
  pipelineCase({
    id: 'agg.match-equality',
    title: 'match by equality keeps the natural order',
    source: upstream(AGG, 'match › 匹配'),
    docs: ARTICLES,
    pipeline: (a) => a.match({ author: 'stark' }).project({ _id: 0 }),
    expect: ARTICLES.slice(0, 2),
  }),
  pipelineCase({
    id: 'agg.match-group-count',
    title: 'match then group with sum(1) counts the matches',
    source: upstream(AGG, 'match › 计数'),
    docs: ARTICLES,
    pipeline: (a, $, _) => a.match({ score: _.gt(80) }).group({ _id: null, count: $.sum(1) }),
    expect: [{ _id: null, count: 3 }],
  }),
  pipelineCase({
    id: 'agg.project-include',
    title: 'project with inclusions keeps _id and the named fields only',
    source: upstream(AGG, 'project › 指定包含某些字段'),
    docs: [{ _id: 'p1', title: 'This is title', author: 'Nobody', isbn: '123456789', introduction: '......' }],
    pipeline: (a) => a.project({ title: 1, author: 1 }),
    expect: [{ _id: 'p1', title: 'This is title', author: 'Nobody' }],
  }),
  pipelineCase({
    id: 'agg.project-exclude-id',
    title: 'project with _id: 0 drops _id',
    source: upstream(AGG, 'project › 去除输出中的 _id 字段'),
    docs: [{ title: 'This is title', author: 'Nobody', isbn: '123456789', introduction: '......' }],
    pipeline: (a) => a.project({ _id: 0, title: 1, author: 1 }),
    expect: [{ title: 'This is title', author: 'Nobody' }],
  }),
  pipelineCase({
    id: 'agg.project-computed-sum',
    title: 'project a computed field: sum of a list of field paths',
    source: upstream(AGG, 'project › 加入计算出的新字段'),
    docs: [{ name: '小明', scores: { chinese: 80, math: 90, english: 70 } }],
    pipeline: (a, $) => a.project({ _id: 0, name: 1, totalScore: $.sum(['$scores.chinese', '$scores.math', '$scores.english']) }),
    expect: [{ name: '小明', totalScore: 240 }],
  }),
  pipelineCase({
    id: 'agg.project-new-array',
    title: 'project a new array field from field paths',
    source: upstream(AGG, 'project › 加入新的数组字段'),
    docs: [
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ],
    pipeline: (a) => a.project({ _id: 0, coordinate: ['$x', '$y'] }),
    expect: [{ coordinate: [1, 1] }, { coordinate: [2, 2] }, { coordinate: [3, 3] }],
  }),
  pipelineCase({
    id: 'agg.replaceRoot-field',
    title: 'replaceRoot with an embedded document',
    source: upstream(AGG, 'replaceRoot › 使用已有字段作为根节点'),
    docs: [{ name: 'SFLS', teachers: { chinese: 22, math: 18, english: 21, other: 123 } }],
    pipeline: (a) => a.replaceRoot({ newRoot: '$teachers' }),
    expect: [{ chinese: 22, math: 18, english: 21, other: 123 }],
  }),
  pipelineCase({
    id: 'agg.replaceRoot-computed',
    title: 'replaceRoot with a computed document (concat)',
    source: upstream(AGG, 'replaceRoot › 使用计算出的新字段作为根节点'),
    docs: [
      { first_name: '四郎', last_name: '黄' },
      { first_name: '邦德', last_name: '马' },
      { first_name: '牧之', last_name: '张' },
    ],
    pipeline: (a, $) => a.replaceRoot({ newRoot: { full_name: $.concat(['$last_name', '$first_name']) } }),
    expect: [{ full_name: '黄四郎' }, { full_name: '马邦德' }, { full_name: '张牧之' }],
  }),
  pipelineCase({
    id: 'agg.skip',
    title: 'skip(6) of 7 leaves the last document',
    source: upstream(AGG, 'skip › 跳过一定数量的文档'),
    docs: ARTICLES,
    pipeline: (a) => a.skip(6).project({ _id: 0 }),
    expect: [{ author: 'justan', score: 95 }],
  }),
  pipelineCase({
    id: 'agg.sort-two-keys',
    title: 'sort by two keys, descending',
    source: upstream(AGG, 'sort › 根据已有字段排序'),
    docs: [
      { author: 'stark', score: 80, age: 18 },
      { author: 'bob', score: 60, age: 18 },
      { author: 'li', score: 55, age: 19 },
      { author: 'jimmy', score: 60, age: 22 },
      { author: 'justan', score: 95, age: 33 },
    ],
    pipeline: (a) => a.sort({ age: -1, score: -1 }).project({ _id: 0 }),
    expect: [
      { author: 'justan', score: 95, age: 33 },
      { author: 'jimmy', score: 60, age: 22 },
      { author: 'li', score: 55, age: 19 },
      { author: 'stark', score: 80, age: 18 },
      { author: 'bob', score: 60, age: 18 },
    ],
  }),
  pipelineCase({
    id: 'agg.unwind',
    title: 'unwind drops documents whose array is empty, null or missing',
    source: upstream(AGG, 'unwind › 解构'),
    docs: SIZES,
    pipeline: (a) => a.unwind('$size').project({ _id: 0 }),
    expect: [
      { product: 'tshirt', size: 'S' },
      { product: 'tshirt', size: 'M' },
      { product: 'tshirt', size: 'L' },
      { product: 'trousers', size: 'S' },
      { product: 'sweater', size: 'M' },
      { product: 'sweater', size: 'L' },
    ],
  }),
  {
    id: 'agg.unwind-array-index',
    title: 'unwind with includeArrayIndex adds each element’s index',
    source: upstream(AGG, 'unwind › 解构后，保留原数组索引'),
    async run({ db, freshCollection }: any) {
      const name = await freshCollection(SIZES)
      return plain((await db.collection(name).aggregate().unwind({ path: '$size', includeArrayIndex: 'arrayIndex' }).project({ _id: 0 }).end()).list)
    },
    check(list: unknown[], expect: any) {
      expect(list).toHaveLength(6)
      expect(list[0]).toEqual({ arrayIndex: 0, product: 'tshirt', size: 'S' })
      expect(list[2]).toEqual({ arrayIndex: 2, product: 'tshirt', size: 'L' })
    },
  },
  pipelineCase({
    id: 'agg.unwind-preserve',
    title: 'unwind with preserveNullAndEmptyArrays keeps them (an empty array’s field is dropped)',
    source: upstream(AGG, 'unwind › 保留空值'),
    docs: SIZES,
    pipeline: (a) => a.unwind({ path: '$size', preserveNullAndEmptyArrays: true }).project({ _id: 0 }),
    expect: [
      { product: 'tshirt', size: 'S' },
      { product: 'tshirt', size: 'M' },
      { product: 'tshirt', size: 'L' },
      { product: 'pants' },
      { product: 'socks', size: null },
      { product: 'trousers', size: 'S' },
      { product: 'sweater', size: 'M' },
      { product: 'sweater', size: 'L' },
    ],
  }),
  pipelineCase({
    id: 'agg.date-roundtrip',
    title: 'a Date comes back from an aggregate as a Date',
    source: upstream(AGG, 'Date › Date类型'),
    docs: [{ date: DATE }],
    pipeline: (a) => a.project({ _id: 0 }),
    expect: [{ date: DATE.toISOString() }],
  }),
  pipelineCase({
    id: 'agg.date-operators',
    title: 'date operators (in UTC): dayOfWeek 3, dayOfYear 134, week 19, isoWeek 20 … of 2019-05-14T09:38:51.686Z',
    source: upstream(AGG, 'Date › Date的各种操作符'),
    docs: [{ date: DATE }],
    pipeline: (a, $) =>
      a.project({
        _id: 0,
        date: 1,
        dayOfWeek: $.dayOfWeek('$date'),
        dayOfYear: $.dayOfYear('$date'),
        dayOfMonth: $.dayOfMonth('$date'),
        year: $.year('$date'),
        month: $.month('$date'),
        hour: $.hour('$date'),
        minute: $.minute('$date'),
        second: $.second('$date'),
        millisecond: $.millisecond('$date'),
        week: $.week('$date'),
        dateFromParts: $.dateFromParts({ year: 2017, month: 2, day: 8, hour: 12, timezone: 'America/New_York' }),
        dateFromString: $.dateFromString({ dateString: DATE.toISOString() }),
        isoDayOfWeek: $.isoDayOfWeek('$date'),
        isoWeek: $.isoWeek('$date'),
        isoWeekYear: $.isoWeekYear('$date'),
      }),
    expect: [
      {
        date: DATE.toISOString(),
        dayOfWeek: 3,
        dayOfYear: 134,
        dayOfMonth: 14,
        year: 2019,
        month: 5,
        hour: 9,
        minute: 38,
        second: 51,
        millisecond: 686,
        week: 19,
        dateFromParts: '2017-02-08T17:00:00.000Z',
        dateFromString: DATE.toISOString(),
        isoDayOfWeek: 2,
        isoWeek: 20,
        isoWeekYear: 2019,
      },
    ],
  }),
  {
    id: 'agg.lookup-local-foreign',
    title: 'lookup joins the other collection on localField = foreignField',
    source: upstream(AGG, 'lookup › lookup'),
    async run({ db, freshCollection }: any) {
      const a = await freshCollection([
        { name: 'stark', age: 24 },
        { name: 'justan', age: 24 },
        { name: 'jimmy', age: 24 },
      ])
      const b = await freshCollection([
        { name: 'stark', gender: 'male' },
        { name: 'justan', gender: 'male' },
        { name: 'jimmy', gender: 'male' },
      ])
      const { list } = await db.collection(a).aggregate().lookup({ from: b, localField: 'name', foreignField: 'name', as: 'join' }).end()
      return list.map((d: any) => ({ name: d.name, age: d.age, joined: d.join.map((j: any) => [j.name, j.gender]) }))
    },
    check(list: unknown[], expect: any) {
      expect(list).toEqual([
        { name: 'stark', age: 24, joined: [['stark', 'male']] },
        { name: 'justan', age: 24, joined: [['justan', 'male']] },
        { name: 'jimmy', age: 24, joined: [['jimmy', 'male']] },
      ])
    },
  },
  {
    id: 'agg.geoNear-stage',
    title: 'geoNear stage: query (regex, date), key, includeLocs and the spherical distance in metres',
    source: upstream(AGG, 'geoNear › geoNear'),
    async run({ db }: any) {
      const now = new Date()
      const tag = `geoNear-${Date.now()}-${Math.random()}`
      const P = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] })
      await db.collection('conf_geo').add({
        data: [
          { tag, city: 'Guangzhou', date: now, location: P(113.30593, 23.1361155), name: 'Canton Tower' },
          { tag, city: 'Hangzhou', date: new Date(now.getTime() - 1000), location: P(113.306789, 23.1564721), name: 'Baiyun Mountain' },
          { tag, city: 'Beijing', date: new Date(now.getTime() + 1000), location: P(116.3949659, 39.9163447), name: 'The Palace Museum' },
          { tag, city: 'Beijing', location: P(116.2328567, 40.242373), name: 'Great Wall' },
        ],
      })
      const _ = db.command
      const { list } = await db
        .collection('conf_geo')
        .aggregate()
        .geoNear({
          distanceField: 'distance',
          spherical: true,
          near: new db.Geo.Point(113.3089506, 23.0968251),
          query: { tag, city: /zhou/, date: _.lt(now) },
          key: 'location',
          includeLocs: 'location',
        })
        .end()
      return list.map((d: any) => ({ city: d.city, distance: d.distance }))
    },
    check(list: { city: string; distance: number }[], expect: any) {
      expect(list).toHaveLength(1)
      expect(list[0].city).toBe('Hangzhou')
      // upstream asserts 6643.521654040738 exactly; the emulator's haversine agrees to the millimetre
      expect(list[0].distance).toBeCloseTo(6643.521654040738, 3)
    },
  },
]

const commandCases = [
  {
    id: 'agg.stdDevPop',
    title: 'group stdDevPop per group (a: 6, b: 10)',
    source: upstream(CMD, 'stdDevPop › 计算不同组的标准差'),
    async run({ db, $, freshCollection }: any) {
      const name = await freshCollection([
        { group: 'a', score: 84 },
        { group: 'a', score: 96 },
        { group: 'b', score: 80 },
        { group: 'b', score: 100 },
      ])
      const { list } = await db.collection(name).aggregate().group({ _id: '$group', stdDev: $.stdDevPop('$score') }).end()
      return Object.fromEntries(list.map((d: any) => [d._id, d.stdDev]))
    },
    check: (r: unknown, expect: any) => expect(r).toEqual({ a: 6, b: 10 }),
  },
  {
    id: 'agg.stdDevSamp',
    title: 'group stdDevSamp over 80 and 100 is 14.14',
    source: upstream(CMD, 'stdDevSamp › 计算标准样本偏差'),
    async run({ db, $, freshCollection }: any) {
      const name = await freshCollection([{ score: 80 }, { score: 100 }])
      return (await db.collection(name).aggregate().group({ _id: null, ageStdDev: $.stdDevSamp('$score') }).end()).list[0].ageStdDev.toFixed(2)
    },
    check: (r: unknown, expect: any) => expect(r).toBe('14.14'),
  },
  pipelineCase({
    id: 'agg.sum-field',
    title: 'group sum of a field',
    source: upstream(CMD, 'sum › 参数为单独字段'),
    docs: [
      { cost: -10, price: 100 },
      { cost: -15, price: 1 },
      { cost: -10, price: 10 },
    ],
    pipeline: (a, $) => a.group({ _id: null, totalPrice: $.sum('$price') }),
    expect: [{ _id: null, totalPrice: 111 }],
  }),
  pipelineCase({
    id: 'agg.sum-of-sums',
    title: 'group sum of a per-document sum of a list',
    source: upstream(CMD, 'sum › 参数为字段列表'),
    docs: [
      { cost: -10, price: 100 },
      { cost: -15, price: 1 },
      { cost: -10, price: 10 },
    ],
    pipeline: (a, $) => a.group({ _id: null, totalProfit: $.sum($.sum(['$price', '$cost'])) }),
    expect: [{ _id: null, totalProfit: 76 }],
  }),
  {
    id: 'agg.let',
    title: 'let binds variables for an expression',
    source: upstream(CMD, 'let › 参数为单独字段'),
    async run({ db, $, freshCollection }: any) {
      const name = await freshCollection([
        { cost: -10, discount: 0.95, price: 100 },
        { cost: -15, discount: 0.98, price: 1 },
        { cost: -10, discount: 1, price: 10 },
      ])
      const { list } = await db
        .collection(name)
        .aggregate()
        .project({ _id: 0, profit: $.let({ vars: { priceTotal: $.multiply(['$price', '$discount']) }, in: $.sum(['$$priceTotal', '$cost']) }) })
        .end()
      return list.map((d: any) => d.profit)
    },
    check(r: number[], expect: any) {
      expect(r).toHaveLength(3)
      expect(r[0]).toBeCloseTo(85)
      expect(r[1]).toBeCloseTo(-14.02)
      expect(r[2]).toBeCloseTo(0)
    },
  },
  pipelineCase({
    id: 'agg.cond',
    title: 'cond with if/then/else',
    source: upstream(CMD, '条件操作符 › cond'),
    docs: GOODS,
    pipeline: (a, $) => a.project({ _id: 0, name: 1, discount: $.cond({ if: $.gte(['$amount', 200]), then: 0.7, else: 0.9 }) }),
    expect: [
      { name: 'a', discount: 0.9 },
      { name: 'b', discount: 0.7 },
      { name: 'c', discount: 0.7 },
    ],
  }),
  pipelineCase({
    id: 'agg.ifNull',
    title: 'ifNull replaces null and missing',
    source: upstream(CMD, '条件操作符 › ifNull'),
    docs: GOODS,
    pipeline: (a, $) => a.project({ _id: 0, name: 1, desc: $.ifNull(['$desc', 'Not defined']) }),
    expect: [
      { desc: 'A', name: 'a' },
      { desc: 'Not defined', name: 'b' },
      { desc: 'Not defined', name: 'c' },
    ],
  }),
  pipelineCase({
    id: 'agg.switch',
    title: 'switch with branches and default',
    source: upstream(CMD, '条件操作符 › switch'),
    docs: GOODS,
    pipeline: (a, $) =>
      a.project({
        _id: 0,
        name: 1,
        discount: $.switch({
          branches: [
            { case: $.gt(['$amount', 250]), then: 0.8 },
            { case: $.gt(['$amount', 150]), then: 0.9 },
          ],
          default: 1,
        }),
      }),
    expect: [
      { name: 'a', discount: 1 },
      { name: 'b', discount: 0.9 },
      { name: 'c', discount: 0.8 },
    ],
  }),
  pipelineCase({
    id: 'agg.group-push',
    title: 'group push of a computed document',
    source: upstream(CMD, 'group操作符 › push'),
    docs: STUDENTS,
    pipeline: (a, $) => a.group({ _id: '$group', students: $.push({ name: '$name', score: '$score' }) }).sort({ _id: 1 }),
    expect: [
      { _id: 'a', students: [{ name: 'stu1', score: 84 }, { name: 'stu2', score: 96 }] },
      { _id: 'b', students: [{ name: 'stu3', score: 80 }, { name: 'stu4', score: 100 }] },
    ],
  }),
  pipelineCase({
    id: 'agg.group-max-min',
    title: 'group max and min per group',
    source: upstream(CMD, 'group操作符 › max') + ' and › min',
    docs: STUDENTS,
    pipeline: (a, $) => a.group({ _id: '$group', maxScore: $.max('$score'), minScore: $.min('$score') }).sort({ _id: 1 }),
    expect: [
      { _id: 'a', maxScore: 96, minScore: 84 },
      { _id: 'b', maxScore: 100, minScore: 80 },
    ],
  }),
  pipelineCase({
    id: 'agg.group-first-last-avg',
    title: 'after sort, group first and last; avg',
    source: upstream(CMD, 'group操作符 › first') + ', › last and › avg',
    docs: STUDENTS,
    pipeline: (a, $) => a.sort({ score: 1 }).group({ _id: null, min: $.first('$score'), max: $.last('$score'), average: $.avg('$score') }),
    expect: [{ _id: null, min: 80, max: 100, average: 90 }],
  }),
  {
    id: 'agg.group-addToSet',
    title: 'group addToSet of a scalar field and of an array field',
    source: upstream(CMD, 'group操作符 › addToSet › 非数组字段') + ' and › 数组字段',
    async run({ db, $, freshCollection }: any) {
      const name = await freshCollection([
        { category: 'web', tags: ['JavaScript', 'CSS'], title: 'title1' },
        { category: 'System', tags: ['C++', 'C'], title: 'title2' },
      ])
      return plain((await db.collection(name).aggregate().group({ _id: null, categories: $.addToSet('$category'), tagsList: $.addToSet('$tags') }).end()).list)
    },
    check(list: { categories: string[]; tagsList: string[][] }[], expect: any) {
      expect(list[0].categories.sort()).toEqual(['System', 'web'])
      expect(list[0].tagsList).toHaveLength(2)
      expect(list[0].tagsList).toEqual(expect.arrayContaining([['JavaScript', 'CSS'], ['C++', 'C']]))
    },
  },
  pipelineCase({
    id: 'agg.literal-dollar',
    title: 'literal compares with a "$"-string instead of reading a field',
    source: upstream(CMD, '字面量操作符 › 以字面量的形式使用$'),
    docs: [{ price: '$1' }, { price: '$2.50' }, { price: '$3.60' }, { price: '$4.60' }],
    pipeline: (a, $) => a.project({ _id: 0, isOneDollar: $.eq(['$price', $.literal('$1')]) }),
    expect: [{ isOneDollar: true }, { isOneDollar: false }, { isOneDollar: false }, { isOneDollar: false }],
  }),
  pipelineCase({
    id: 'agg.literal-one',
    title: 'literal(1) projects the value 1 (not an inclusion)',
    source: upstream(CMD, '字面量操作符 › 投影一个字段，对应的值为1'),
    docs: [{ price: '$1' }, { price: '$2.50' }],
    pipeline: (a, $) => a.project({ _id: 0, price: 1, amount: $.literal(1) }),
    expect: [
      { price: '$1', amount: 1 },
      { price: '$2.50', amount: 1 },
    ],
  }),
  pipelineCase({
    id: 'agg.concat',
    title: 'concat strings',
    source: upstream(CMD, '字符串操作符 › concat'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, fullName: $.concat(['$firstName', ' ', '$lastName']) }),
    expect: [{ fullName: 'Yuanxin Dong' }, { fullName: 'Weijia Wang' }, { fullName: 'Chengxi Li' }],
  }),
  pipelineCase({
    id: 'agg.dateToString-format',
    title: 'dateToString formats in UTC by default',
    source: upstream(CMD, '字符串操作符 › dateToString › 格式化日期'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, formatDate: $.dateToString({ date: '$date', format: '%Y-%m-%d' }) }),
    expect: [{ formatDate: '1999-12-11' }, { formatDate: '1998-11-10' }, { formatDate: '1997-10-09' }],
  }),
  pipelineCase({
    id: 'agg.dateToString-timezone',
    title: 'dateToString in Asia/Shanghai',
    source: upstream(CMD, '字符串操作符 › dateToString › 时区时间'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, formatDate: $.dateToString({ date: '$date', format: '%H:%M:%S', timezone: 'Asia/Shanghai' }) }),
    expect: [{ formatDate: '00:00:00' }, { formatDate: '00:00:00' }, { formatDate: '00:00:00' }],
  }),
  pipelineCase({
    id: 'agg.dateToString-onNull',
    title: 'dateToString onNull for a missing date',
    source: upstream(CMD, '字符串操作符 › dateToString › 缺失情况的默认值'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, formatDate: $.dateToString({ date: '$empty', onNull: 'null' }) }),
    expect: [{ formatDate: 'null' }, { formatDate: 'null' }, { formatDate: 'null' }],
  }),
  pipelineCase({
    id: 'agg.indexOfBytes',
    title: 'indexOfBytes of "a"',
    source: upstream(CMD, '字符串操作符 › indexOfBytes'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, aStrIndex: $.indexOfBytes(['$firstName', 'a']) }),
    expect: [{ aStrIndex: 2 }, { aStrIndex: 5 }, { aStrIndex: -1 }],
  }),
  pipelineCase({
    id: 'agg.indexOfCP',
    title: 'indexOfCP of "a"',
    source: upstream(CMD, '字符串操作符 › indexOfCP'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, aStrIndex: $.indexOfCP(['$firstName', 'a']) }),
    expect: [{ aStrIndex: 2 }, { aStrIndex: 5 }, { aStrIndex: -1 }],
  }),
  pipelineCase({
    id: 'agg.split',
    title: 'split a string',
    source: upstream(CMD, '字符串操作符 › split'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, birthday: $.split(['$birthday', '/']) }),
    expect: [{ birthday: ['1999', '12', '12'] }, { birthday: ['1998', '11', '11'] }, { birthday: ['1997', '10', '10'] }],
  }),
  pipelineCase({
    id: 'agg.strcasecmp',
    title: 'strcasecmp',
    source: upstream(CMD, '字符串操作符 › strcasecmp'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, result: $.strcasecmp(['$firstName', '$lastName']) }),
    expect: [{ result: 1 }, { result: 1 }, { result: -1 }],
  }),
  pipelineCase({
    id: 'agg.substr',
    title: 'substr, with length -1 taking the rest of the string',
    source: upstream(CMD, '字符串操作符 › substr'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, year: $.substr(['$birthday', 0, 4]), month: $.substr(['$birthday', 5, 2]), day: $.substr(['$birthday', 8, -1]) }),
    expect: [
      { day: '12', month: '12', year: '1999' },
      { day: '11', month: '11', year: '1998' },
      { day: '10', month: '10', year: '1997' },
    ],
  }),
  pipelineCase({
    id: 'agg.substrBytes',
    title: 'substrBytes, with length -1 taking the rest of the string',
    source: upstream(CMD, '字符串操作符 › substrBytes'),
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, year: $.substrBytes(['$birthday', 0, 4]), month: $.substrBytes(['$birthday', 5, 2]), day: $.substrBytes(['$birthday', 8, -1]) }),
    expect: [
      { day: '12', month: '12', year: '1999' },
      { day: '11', month: '11', year: '1998' },
      { day: '10', month: '10', year: '1997' },
    ],
  }),
  pipelineCase({
    id: 'agg.toLower-toUpper',
    title: 'toLower and toUpper',
    source: upstream(CMD, '字符串操作符 › toLower') + ' and › toUpper',
    docs: NAMED_STUDENTS,
    pipeline: (a, $) => a.project({ _id: 0, lower: $.toLower('$firstName'), upper: $.toUpper('$lastName') }),
    expect: [
      { lower: 'yuanxin', upper: 'DONG' },
      { lower: 'weijia', upper: 'WANG' },
      { lower: 'chengxi', upper: 'LI' },
    ],
  }),
  pipelineCase({
    id: 'agg.mergeObjects-group',
    title: 'mergeObjects as a group accumulator',
    source: upstream(CMD, 'mergeObjects › 在group中使用'),
    docs: [
      { name: 'A', foo: { a: 1 }, bar: { b: 2 } },
      { name: 'A', foo: { c: 1 }, bar: { d: 2 } },
      { name: 'A', foo: { e: 1 }, bar: { f: 2 } },
    ],
    pipeline: (a, $) => a.group({ _id: '$name', mergedFoo: $.mergeObjects('$foo'), mergeBar: $.mergeObjects('$bar') }),
    expect: [{ _id: 'A', mergedFoo: { a: 1, c: 1, e: 1 }, mergeBar: { b: 2, d: 2, f: 2 } }],
  }),
  pipelineCase({
    id: 'agg.mergeObjects-project',
    title: 'mergeObjects of two fields in project',
    source: upstream(CMD, 'mergeObjects › 在group以外使用'),
    docs: [
      { name: 'A', foo: { a: 1 }, bar: { b: 2 } },
      { name: 'A', foo: { c: 1 }, bar: { d: 2 } },
      { name: 'A', foo: { e: 1 }, bar: { f: 2 } },
    ],
    pipeline: (a, $) => a.project({ _id: 0, foobar: $.mergeObjects(['$foo', '$bar']) }),
    expect: [{ foobar: { a: 1, b: 2 } }, { foobar: { c: 1, d: 2 } }, { foobar: { e: 1, f: 2 } }],
  }),
  expressionCase({
    id: 'agg.allElementsTrue',
    title: 'allElementsTrue (an empty array is true)',
    source: upstream(CMD, '集合操作 › allElementsTrue'),
    docs: BOOLS,
    expr: ($) => $.allElementsTrue(['$arr']),
    expect: [true, true, false, true, false, true],
  }),
  expressionCase({
    id: 'agg.anyElementTrue',
    title: 'anyElementTrue (an empty array is false)',
    source: upstream(CMD, '集合操作 › anyElementTrue'),
    docs: BOOLS,
    expr: ($) => $.anyElementTrue(['$arr']),
    expect: [true, false, true, true, true, true],
  }),
  expressionCase({
    id: 'agg.setDifference',
    title: 'setDifference',
    source: upstream(CMD, '集合操作2 › setDifference'),
    docs: SETS,
    expr: ($) => $.setDifference(['$B', '$A']),
    expect: [[], [], [3], [3], [], [{}, []], [], [1]],
  }),
  expressionCase({
    id: 'agg.setEquals',
    title: 'setEquals ignores order and duplicates',
    source: upstream(CMD, '集合操作2 › setEquals'),
    docs: SETS,
    expr: ($) => $.setEquals(['$A', '$B']),
    expect: [true, true, false, false, false, false, true, false],
  }),
  expressionCase({
    id: 'agg.setIntersection',
    title: 'setIntersection',
    source: upstream(CMD, '集合操作2 › setIntersection'),
    docs: SETS,
    expr: ($) => $.setIntersection(['$A', '$B']),
    expect: [[1, 2], [1, 2], [1, 2], [1], [], [], [], []],
  }),
  expressionCase({
    id: 'agg.setIsSubset',
    title: 'setIsSubset',
    source: upstream(CMD, '集合操作2 › setIsSubset'),
    docs: SETS,
    expr: ($) => $.setIsSubset(['$A', '$B']),
    expect: [true, true, true, false, false, false, true, true],
  }),
  expressionCase({
    id: 'agg.setUnion',
    title: 'setUnion',
    source: upstream(CMD, '集合操作2 › setUnion'),
    docs: SETS,
    expr: ($) => $.setUnion(['$A', '$B']),
    expect: [[1, 2], [1, 2], [1, 2, 3], [1, 2, 3], [1, 2], [1, 2, {}, []], [], [1]],
  }),
  {
    id: 'agg.lookup-localField-counts',
    title: 'lookup by category finds both "Web" documents for each Web document',
    source: upstream('unit/lookup-pipeline.test.ts', 'projection › lookup'),
    async run({ db, freshCollection }: any) {
      const a = await freshCollection(PASSAGES)
      const b = await freshCollection(PASSAGES)
      const { list } = await db.collection(a).aggregate().lookup({ from: b, localField: 'category', foreignField: 'category', as: 'docs' }).end()
      return list.map((d: any) => d.docs.length)
    },
    check: (r: unknown, expect: any) => expect(r).toEqual([2, 2, 1]),
  },
  {
    id: 'agg.lookup-pipeline',
    title: 'lookup with a pipeline (uncorrelated match)',
    source: upstream('unit/lookup-pipeline.test.ts', 'projection › lookup with pipeline'),
    async run({ db, $, freshCollection }: any) {
      const a = await freshCollection(PASSAGES)
      const b = await freshCollection(PASSAGES)
      const { list } = await db.collection(a).aggregate().lookup({ from: b, pipeline: $.pipeline().match({ category: 'Web' }).done(), as: 'docs' }).end()
      return list.map((d: any) => d.docs.length)
    },
    check: (r: unknown, expect: any) => expect(r).toEqual([2, 2, 2]),
  },
  pipelineCase({
    id: 'agg.match-command-eq',
    title: 'match with _.eq',
    source: upstream('unit/advanced-operator.test.ts', 'aggregation $match with query › max'),
    docs: PASSAGES,
    pipeline: (a, _$, _) => a.match({ category: _.eq('Web') }).project({ _id: 0, category: 1 }),
    expect: [{ category: 'Web' }, { category: 'Web' }],
  }),
]

/* Documented behaviours the emulator answered differently (issue 13 items 2 and 5, and found by the audit). */
const documented = [
  {
    id: 'agg.default-page-20',
    title: 'aggregate() without limit() answers 20 documents in a cloud function; limit() raises it',
    source: 'https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13 (云函数端Aggregate聚合操作limit默认20条限制)',
    async run({ db, freshCollection }: any) {
      const name = await freshCollection(Array.from({ length: 25 }, (_x, i) => ({ i })))
      const plainEnd = (await db.collection(name).aggregate().end()).list.length
      const matched = (await db.collection(name).aggregate().match({ i: db.command.gte(0) }).project({ _id: 0 }).end()).list.length
      const limited = (await db.collection(name).aggregate().limit(25).end()).list.length
      const skipped = (await db.collection(name).aggregate().skip(3).end()).list.length
      return { plainEnd, matched, limited, skipped }
    },
    check: (r: unknown, expect: any) => expect(r).toEqual({ plainEnd: 20, matched: 20, limited: 25, skipped: 20 }),
  },
  pipelineCase({
    id: 'agg.count-of-nothing',
    title: 'count() over no documents answers no document (not {n: 0})',
    source: mongoDoc('operator/aggregation/count') + ' (If the input dataset is empty, $count doesn’t return a result)',
    docs: [{ a: 1 }],
    pipeline: (a) => a.match({ a: 2 }).count('n'),
    expect: [],
  }),
  pipelineCase({
    id: 'agg.group-of-nothing',
    title: 'group over no documents answers no document',
    source: mongoDoc('operator/aggregation/group'),
    docs: [{ a: 1 }],
    pipeline: (a, $) => a.match({ a: 2 }).group({ _id: null, n: $.sum(1) }),
    expect: [],
  }),
  pipelineCase({
    id: 'agg.bucket-doc-example',
    title: 'bucket: a value equal to a boundary opens that boundary’s bucket ([0, 50) [50, 100) other)',
    source: wxDoc('aggregate/Aggregate.bucket'),
    docs: [
      { _id: '1', price: 10 },
      { _id: '2', price: 50 },
      { _id: '3', price: 20 },
      { _id: '4', price: 80 },
      { _id: '5', price: 200 },
    ],
    pipeline: (a, $) => a.bucket({ groupBy: '$price', boundaries: [0, 50, 100], default: 'other', output: { count: $.sum(1), ids: $.push('$_id') } }),
    expect: [
      { _id: 0, count: 2, ids: ['1', '3'] },
      { _id: 50, count: 2, ids: ['2', '4'] },
      { _id: 'other', count: 1, ids: ['5'] },
    ],
  }),
  pipelineCase({
    id: 'agg.bucket-empty-omitted',
    title: 'bucket outputs only buckets holding at least one document',
    source: wxDoc('aggregate/Aggregate.bucket') + ' (bucket 只会在组内有至少一个记录的时候输出)',
    docs: [{ price: 10 }, { price: 120 }],
    pipeline: (a) => a.bucket({ groupBy: '$price', boundaries: [0, 50, 100, 150] }),
    expect: [
      { _id: 0, count: 1 },
      { _id: 100, count: 1 },
    ],
  }),
  {
    id: 'agg.sample-distinct',
    title: 'sample picks distinct documents, at most as many as there are',
    source: mongoDoc('operator/aggregation/sample') + ' (performs a random sort to select N documents)',
    async run({ db, freshCollection }: any) {
      const name = await freshCollection([{ k: 1 }, { k: 2 }, { k: 3 }])
      const runs = []
      for (let i = 0; i < 5; i++) runs.push((await db.collection(name).aggregate().sample({ size: 3 }).end()).list.map((d: any) => d.k).sort())
      const over = (await db.collection(name).aggregate().sample({ size: 10 }).end()).list.length
      return { runs, over }
    },
    check(r: { runs: number[][]; over: number }, expect: any) {
      for (const run of r.runs) expect(run).toEqual([1, 2, 3])
      expect(r.over).toBe(3)
    },
  },
  expressionCase({
    id: 'agg.week-boundaries',
    title: 'week: the first Sunday starts week 1, days before it are week 0',
    source: wxDoc('command/aggregate/AggregateCommand.week'),
    docs: [{ d: new Date('2019-01-01T00:00:00Z') }, { d: new Date('2019-01-06T00:00:00Z') }, { d: new Date('2017-01-01T00:00:00Z') }, { d: DATE }],
    expr: ($) => $.week('$d'),
    expect: [0, 1, 1, 19],
  }),
  expressionCase({
    id: 'agg.isoWeekYear-year-boundary',
    title: 'isoWeekYear of 2021-01-01 (ISO week 53 of 2020) is 2020',
    source: mongoDoc('operator/aggregation/isoWeekYear'),
    docs: [{ d: new Date('2021-01-01T00:00:00Z') }],
    expr: ($) => $.isoWeekYear('$d'),
    expect: [2020],
  }),
  expressionCase({
    id: 'agg.dateToString-week-specifiers',
    title: 'dateToString %w is 1 (Sunday)–7 and %U the week of year as week()',
    source: mongoDoc('operator/aggregation/dateToString'),
    docs: [{ d: DATE }],
    expr: ($) => $.dateToString({ date: '$d', format: '%w %U %u %V' }),
    expect: ['3 19 2 20'],
  }),
  expressionCase({
    id: 'agg.dateFromParts-iso',
    title: 'dateFromParts from isoWeekYear/isoWeek/isoDayOfWeek',
    source: mongoDoc('operator/aggregation/dateFromParts'),
    docs: [{}],
    expr: ($) => $.dateFromParts({ isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3, hour: 12 }),
    expect: ['2017-02-08T12:00:00.000Z'],
  }),
  expressionCase({
    id: 'agg.indexOfBytes-multibyte',
    title: 'indexOfBytes counts UTF-8 bytes',
    source: mongoDoc('operator/aggregation/indexOfBytes'),
    docs: [{ s: '心谭a' }],
    expr: ($) => $.indexOfBytes(['$s', 'a']),
    expect: [6],
  }),
  expressionCase({
    id: 'agg.indexOfCP-multibyte',
    title: 'indexOfCP counts code points',
    source: mongoDoc('operator/aggregation/indexOfCP'),
    docs: [{ s: '心谭a' }],
    expr: ($) => $.indexOfCP(['$s', 'a']),
    expect: [2],
  }),
  expressionCase({
    id: 'agg.comparison-bson-order',
    title: 'gt compares across types in BSON order (string > number, array > number, date > number, null < number)',
    source: mongoDoc('bson-type-comparison-order'),
    docs: [{ v: 'abc' }, { v: [1, 2] }, { v: new Date(0) }, { v: null }, { v: 2 }],
    expr: ($) => $.gt(['$v', 1]),
    expect: [true, true, true, false, true],
  }),
  expressionCase({
    id: 'agg.eq-cmp-arrays-in-order',
    title: 'eq and cmp compare arrays element by element, in order',
    source: mongoDoc('bson-type-comparison-order') + ' (arrays compare element by element)',
    docs: [{ a: [1, 2], b: [2, 1] }, { a: [1, 2], b: [1, 2] }],
    expr: ($) => ({ eq: $.eq(['$a', '$b']), cmp: $.cmp(['$a', '$b']) }),
    expect: [
      { eq: false, cmp: -1 },
      { eq: true, cmp: 0 },
    ],
  }),
  expressionCase({
    id: 'agg.sum-of-array-field',
    title: 'sum of one array field in project sums its numbers (non-numbers ignored)',
    source: mongoDoc('operator/aggregation/sum') + ' (one expression resolving to an array: its numeric elements)',
    docs: [{ a: [1, 2, 'x'] }, { a: 3 }, { a: 'x' }, {}],
    expr: ($) => $.sum('$a'),
    expect: [3, 3, 0, 0],
  }),
  expressionCase({
    id: 'agg.max-of-array-field',
    title: 'max/avg of one array field in project',
    source: mongoDoc('operator/aggregation/max'),
    docs: [{ a: [1, 5, 3] }],
    expr: ($) => ({ max: $.max('$a'), avg: $.avg('$a'), min: $.min('$a') }),
    expect: [{ max: 5, avg: 3, min: 1 }],
  }),
  pipelineCase({
    id: 'agg.push-skips-missing',
    title: 'group push skips documents where the field is missing (null is kept)',
    source: mongoDoc('operator/aggregation/push'),
    docs: [{ g: 1, v: 'a' }, { g: 1 }, { g: 1, v: null }],
    pipeline: (a, $) => a.group({ _id: '$g', vs: $.push('$v'), set: $.addToSet('$v') }),
    expect: [{ _id: 1, vs: ['a', null], set: ['a', null] }],
  }),
  expressionCase({
    id: 'agg.toUpper-null',
    title: 'toUpper/toLower of null or a missing field is ""',
    source: mongoDoc('operator/aggregation/toUpper'),
    docs: [{ s: null }, {}],
    expr: ($) => $.toUpper('$s'),
    expect: ['', ''],
  }),
  expressionCase({
    id: 'agg.trunc-number',
    title: 'trunc takes a number (and optionally a place)',
    source: mongoDoc('operator/aggregation/trunc'),
    docs: [{ v: -1.7 }, { v: 1.789 }],
    expr: ($) => $.trunc('$v'),
    expect: [-1, 1],
  }),
  {
    id: 'agg.size-of-missing-fails',
    title: 'size of a missing field fails the aggregate',
    source: mongoDoc('operator/aggregation/size') + ' (The argument for $size must resolve to an array)',
    async run({ db, $, freshCollection, failure }: any) {
      const name = await freshCollection([{ a: [1] }, {}])
      return failure(db.collection(name).aggregate().project({ n: $.size('$a') }).end())
    },
    check: (f: unknown, expect: any) => expect(f).not.toBeNull(),
  },
  expressionCase({
    id: 'agg.setUnion-null',
    title: 'setUnion with a null or missing argument is null',
    source: mongoDoc('operator/aggregation/setUnion'),
    docs: [{ a: [1] }],
    expr: ($) => $.setUnion(['$a', '$missing']),
    expect: [null],
  }),
]

export default defineArea('database: aggregate', [...upstreamCases, ...commandCases, ...documented])
