import { maskName, maskPhone } from './privacy'

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['12', '**'],
    ['0571-8888666', '057****8666'],
  ])('%s → %s', (input, out) => expect(maskPhone(input)).toBe(out))
})

describe('maskName', () => {
  it.each([
    ['张三', '*三'],
    ['欧阳娜娜', '*阳娜娜'],
    ['李', '*'],
    [' 王小明 ', '*小明'],
  ])('%s → %s', (input, out) => expect(maskName(input)).toBe(out))
})
