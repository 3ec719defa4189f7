import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SUBSCRIPTION_KINDS } from '../domain/user/settings'
import { checkSubscribeSend } from '../emulator/openapi/subscribe-rules'
import { SUBSCRIBE_MESSAGE_DOCS } from './subscribe-message-docs'
import { configuredTemplateIds, formatValue, localTemplateEnv, readTemplate, SUBSCRIBE_MESSAGES, templateData, type FieldValue } from './subscribe-messages'

const LONG = '文晖路 45 号门口井盖松动，电动车压上去会翘起，晚上看不清很危险'
const AT = new Date('2026-10-01T07:01:00Z') // 15:01 in Shanghai

/** WeChat's rule for a key, as the local emulator enforces it */
const accepted = (key: string, value: string) => checkSubscribeSend({ [key]: { value } }, undefined, undefined) === null

describe('formatValue: every value fits its key type', () => {
  it.each<[string, FieldValue, string]>([
    ['thing1', LONG, '文晖路 45 号门口井盖松动，电动车压…'],
    ['thing1', '短的', '短的'],
    ['thing2', AT, '2026年10月1日 15:01'],
    ['phrase2', '办理中', '办理中'],
    ['phrase2', '已受理（待办）', '已受理待办'],
    ['time3', AT, '2026年10月1日 15:01'],
    ['date3', AT, '2026年10月1日'],
    ['date3', new Date('2026-12-31T16:00:00Z'), '2027年1月1日'],
    ['number2', 120, '120'],
    ['character_string4', 'XG 券码：12345678', 'XG12345678'],
    ['name5', '张师傅', '张师傅'],
    ['amount6', 12.5, '¥12.50'],
  ])('%s ← %j is %j', (key, value, expected) => {
    const out = formatValue(key, value)
    expect(out).toBe(expected)
    expect(accepted(key, out)).toBe(true)
  })

  it('refuses a key whose type WeChat does not document', () => {
    expect(() => formatValue('keyword1', 'x')).toThrow(/no supported type/)
  })
})

describe('template settings', () => {
  const env = (over: Record<string, string | undefined>) => ({ ...localTemplateEnv(), ...over })

  it('reads the id and the field → key map; a field the template lacks is left out', () => {
    expect(readTemplate('identityReview', env({ IDENTITY_REVIEW_TEMPLATE_ID: 'tid-1', IDENTITY_REVIEW_TEMPLATE_FIELDS: 'result=phrase4, time=time9' }))).toEqual({
      id: 'tid-1',
      keys: { result: 'phrase4', time: 'time9' },
    })
  })

  it.each([
    [{ IDENTITY_REVIEW_TEMPLATE_ID: undefined, IDENTITY_REVIEW_TEMPLATE_FIELDS: undefined }, 'not configured'],
    [{ IDENTITY_REVIEW_TEMPLATE_FIELDS: undefined }, /must both be set/],
    [{ IDENTITY_REVIEW_TEMPLATE_FIELDS: 'outcome=phrase1' }, /"outcome=phrase1" is not <field>=<key>/],
    [{ IDENTITY_REVIEW_TEMPLATE_FIELDS: 'result=keyword1' }, /key "keyword1" has no supported type/],
  ])('names what is wrong with %j', (over, problem) => {
    const t = readTemplate('identityReview', env(over))
    expect(t).toEqual({ problem: expect.stringMatching(problem) })
  })

  it('a message without settings is not offered to the app; the local settings offer every one', () => {
    expect(Object.keys(configuredTemplateIds(localTemplateEnv())).sort()).toEqual([...SUBSCRIPTION_KINDS].sort())
    const partial = configuredTemplateIds(env({ POINTS_EXPIRY_TEMPLATE_ID: undefined, POINTS_EXPIRY_TEMPLATE_FIELDS: undefined }))
    expect(partial.pointsExpiry).toBeUndefined()
    expect(partial.suggestionStatus).toBe('suggestion-status')
  })

  it('puts each field under its key, formatted for the key', () => {
    const t = readTemplate('suggestionStatus', env({ SUGGESTION_STATUS_TEMPLATE_FIELDS: 'subject=thing7,status=phrase3,time=date2' }))
    if (!('id' in t)) throw new Error(t.problem)
    expect(templateData<'suggestionStatus'>(t, { subject: LONG, status: '已办结', note: 'not in this template', time: AT })).toEqual({
      thing7: { value: '文晖路 45 号门口井盖松动，电动车压…' },
      phrase3: { value: '已办结' },
      date2: { value: '2026年10月1日' },
    })
  })
})

describe('the table', () => {
  it('suggests keys of documented types, distinct within each message', () => {
    for (const spec of Object.values(SUBSCRIBE_MESSAGES)) {
      const keys = Object.values(spec.fields).map((f) => f.key)
      expect(new Set(keys).size).toBe(keys.length)
      for (const key of keys) expect(() => formatValue(key, 'x')).not.toThrow()
    }
  })

  it('gives the three volunteer messages (asked for in one request) distinct titles: WeChat filters same-titled templates', () => {
    const titles = [SUBSCRIBE_MESSAGE_DOCS.volunteerPromoted, SUBSCRIBE_MESSAGE_DOCS.volunteerCancelled, SUBSCRIBE_MESSAGE_DOCS.volunteerReminder].map((m) => m.title)
    expect(new Set(titles).size).toBe(3)
  })

  it('is documented in the README: each message with its title, settings and fields', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
    for (const [kind, spec] of Object.entries(SUBSCRIBE_MESSAGES)) {
      const doc = SUBSCRIBE_MESSAGE_DOCS[kind as keyof typeof SUBSCRIBE_MESSAGES]
      const fields = Object.entries(spec.fields)
        .map(([field, f]) => `${field}=${f.key}`)
        .join(',')
      expect(readme).toContain(`\`${spec.env}\` · ${doc.sentBy}`)
      expect(readme).toContain(doc.title)
      expect(readme).toContain(fields)
      for (const f of Object.values(spec.fields)) expect(readme).toContain(f.label)
    }
  })
})
