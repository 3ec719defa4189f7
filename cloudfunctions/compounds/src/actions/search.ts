import type { CompoundDoc, SearchResult } from '../../../../domain/compounds/model'
import { buildingLabel, compoundView, findBuilding, lookupKey, matchScore, nearestNumbers, parseAddress, routeTo } from '../../../../domain/compounds/rules'
import { AppError } from '../../../../domain/errors'
import { defineAction } from '../../../../server/router'
import { findById } from '../../../../server/db'
import { COMPOUNDS } from '../../../../server/collections'

/** Candidates read for ranking, shortest names first: the words of a common prefix (「金」) match many. */
const CANDIDATES = 20

/**
 * Rider search as typed. DB: one equality on the indexed `searchKeys` array, shortest names first
 * (the index's order), projected to the names, then the best compound by id: 2 reads, whatever the
 * compound count. Shortest first because every candidate contains the words: the exact name, an
 * exact alias and the names the words cover most are the short ones (matchScore).
 */
export const search = defineAction('compounds', 'search', {
  access: 'any',
  async handler(input, ctx) {
    const now = ctx.now()
    const parsed = parseAddress(input.q)
    if (!parsed.compound) throw new AppError('VALIDATION', '请先输入小区名，例如「金祝新村 12幢2单元」', { field: 'q' })
    const res = (await ctx.db
      .collection(COMPOUNDS)
      .where({ searchKeys: lookupKey(parsed.compound), status: 'active' })
      .orderBy('nameLength', 'asc')
      .field({ name: true, aliases: true, communityName: true })
      .limit(CANDIDATES)
      .get()) as unknown as { data: Pick<CompoundDoc, '_id' | 'name' | 'aliases' | 'communityName'>[] }
    const ranked = res.data
      .map((c) => ({ c, score: matchScore(c, parsed.compound) }))
      .sort((a, b) => b.score - a.score || a.c.name.length - b.c.name.length || (a.c._id < b.c._id ? -1 : 1))
    const understood = { compound: parsed.compound, building: parsed.building, unit: parsed.unit }
    const empty: SearchResult = { understood, compound: null, building: null, unit: parsed.unit, problem: null, guesses: [], route: null, noGateNow: null, others: [] }
    if (!ranked.length) return { ...empty, problem: `没找到「${parsed.compound}」这个小区` }

    const doc = await findById<CompoundDoc>(ctx.db, COMPOUNDS, ranked[0].c._id)
    const others = ranked.slice(1, 6).map(({ c }) => ({ id: c._id, name: c.name, communityName: c.communityName }))
    if (!doc || doc.status !== 'active') return { ...empty, others, problem: `没找到「${parsed.compound}」这个小区` }
    const view = compoundView(doc, doc.communityName, now)
    const result: SearchResult = { ...empty, compound: view, others }
    if (!parsed.building) return result
    const found = findBuilding(doc.buildings, parsed.building)
    if (!found) return { ...result, problem: `没找到 ${parsed.building} 幢`, guesses: nearestNumbers(doc.buildings, parsed.building) }
    const building = view.buildings.find((b) => b.id === found.id)!
    const { route, noGateNow } = routeTo(view, building, parsed.unit)
    const unitProblem = parsed.unit && parsed.unit > building.units ? `${buildingLabel(building.no)}只有 ${building.units} 个单元` : null
    return { ...result, building, route, noGateNow, problem: unitProblem }
  },
})
