/**
 * Citations and small helpers shared by the conformance areas.
 */
import type { ConformanceCase, CaseContext } from '../case'

/** A production-run test of CloudBase's node-sdk (the database tests run against a real environment). */
export const upstream = (file: string, name: string) => `TencentCloudBase/node-sdk test/database/${file} › ${name}`

/** A page of the WeChat 云开发 server-SDK reference, e.g. `aggregate/Aggregate.bucket`. */
export const wxDoc = (page: string) => `https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/${page}.html`

/** A page of the MongoDB manual (CloudBase's database is MongoDB), e.g. `operator/aggregation/count`. */
export const mongoDoc = (page: string) => `https://www.mongodb.com/docs/manual/reference/${page}/`

/** Dates become ISO strings, SDK objects their JSON: what a case returns must be plain JSON. */
export const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

/* The SDK's builders are untyped here on purpose (see case.ts). */
export interface PipelineSpec {
  id: string
  title: string
  source: string
  /** the collection's documents, inserted in this order */
  docs: Record<string, unknown>[]
  /** the stages, on `db.collection(fresh).aggregate()`; `.end()` is called by the case */
  pipeline: (agg: any, $: any, _: any) => any
  /** the exact `list` the server answers (dates as ISO strings) */
  expect: unknown[]
}

/** One aggregation over a fresh collection, answered list compared as a whole. */
export function pipelineCase(p: PipelineSpec): ConformanceCase<unknown[]> {
  return {
    id: p.id,
    title: p.title,
    source: p.source,
    async run({ db, $, _, freshCollection }: CaseContext) {
      const name = await freshCollection(p.docs)
      const { list } = await p.pipeline(db.collection(name).aggregate(), $, _).end()
      return plain(list)
    },
    check(list, expect) {
      expect(list).toEqual(p.expect)
    },
  }
}

/** One projection expression over every document: `project({ _id: 0, r: <expr> })`, answered `r`s. */
export function expressionCase(p: Omit<PipelineSpec, 'pipeline' | 'expect'> & { expr: (a: any) => any; expect: unknown[] }): ConformanceCase<unknown[]> {
  return pipelineCase({
    ...p,
    pipeline: (agg, $) => agg.project({ _id: 0, r: p.expr($) }),
    expect: p.expect.map((r) => (r === undefined ? {} : { r })),
  })
}
