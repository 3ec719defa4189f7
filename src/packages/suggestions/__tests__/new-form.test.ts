import { createSuggestionInput } from '@domain/suggestions/contract'
import { EMPTY_DRAFT, fieldOf, toCreateInput, validateDraft, type Draft } from '../new/form'

const good: Draft = {
  category: 'safety',
  text: '  文晖路 45 号门口井盖松动，电动车压上去会翘起  ',
  address: ' 刘记面馆门口 ',
  photos: [
    { fileID: 'cloud://local-dev.bucket/suggestions/2026-11-23/abc/1.jpg' },
    { failed: true },
  ],
  longitude: '120.172310',
  latitude: '30.291750',
  communityId: 'c-xinheping',
  anonymous: true,
}

describe('validateDraft', () => {
  it('accepts a complete form (a failed photo is simply left out)', () => {
    expect(validateDraft(good)).toEqual({})
  })

  it('names the text and the location of an empty form', () => {
    expect(validateDraft(EMPTY_DRAFT)).toEqual({ text: '请至少写 5 个字，说清楚问题和位置', location: '请定位或在地图上选点' })
  })

  it('counts the text without surrounding blanks and caps it at 500', () => {
    expect(validateDraft({ ...good, text: '  井盖  ' }).text).toContain('至少写 5 个字')
    expect(validateDraft({ ...good, text: '坑'.repeat(501) }).text).toBe('最多 500 个字')
    expect(validateDraft({ ...good, text: '坑'.repeat(500) }).text).toBeUndefined()
  })

  it('refuses coordinates that are not numbers or out of range', () => {
    expect(validateDraft({ ...good, longitude: 'abc' }).location).toBe('请定位或在地图上选点')
    expect(validateDraft({ ...good, latitude: '91' }).location).toContain('坐标不正确')
  })

  it('waits for photos still uploading', () => {
    expect(validateDraft({ ...good, photos: [{ fileID: null }] }).photos).toBe('照片还在上传，请稍候')
  })

  it('wants at least 2 characters of address when one is given', () => {
    expect(validateDraft({ ...good, address: '门' }).address).toBe('具体位置至少 2 个字')
    expect(validateDraft({ ...good, address: '   ' }).address).toBeUndefined()
  })
})

describe('toCreateInput', () => {
  it('maps the form to what suggestions.create accepts', () => {
    const input = toCreateInput(good)
    expect(input).toEqual({
      category: 'safety',
      text: '文晖路 45 号门口井盖松动，电动车压上去会翘起',
      photos: ['cloud://local-dev.bucket/suggestions/2026-11-23/abc/1.jpg'],
      location: { longitude: 120.17231, latitude: 30.29175 },
      address: '刘记面馆门口',
      communityId: 'c-xinheping',
      anonymous: true,
    })
    expect(createSuggestionInput.safeParse(input).success).toBe(true)
  })

  it('leaves out an empty address and an undecided community; keeps "not anonymous"', () => {
    const input = toCreateInput({ ...good, address: '  ', communityId: undefined, anonymous: false })
    expect(input).not.toHaveProperty('address')
    expect(input).not.toHaveProperty('communityId')
    expect(input.anonymous).toBe(false)
    expect(createSuggestionInput.safeParse(input).success).toBe(true)
  })
})

describe('fieldOf', () => {
  it('maps the function’s error fields to the form’s', () => {
    expect(fieldOf('location.latitude')).toBe('location')
    expect(fieldOf('photos.2')).toBe('photos')
    expect(fieldOf('text')).toBe('text')
    expect(fieldOf('rating')).toBeNull()
  })
})
