import Taro from '@tarojs/taro'
import { getLocationGcj02, HIGH_ACCURACY_MS } from '@/utils/location'

const getLocation = jest.fn(async () => ({ longitude: 120.1, latitude: 30.2, accuracy: 12 }))
Object.assign(Taro, { getLocation })

describe('getLocationGcj02 on weapp', () => {
  const env = process.env.TARO_ENV
  beforeAll(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterAll(() => {
    process.env.TARO_ENV = env
  })
  beforeEach(() => getLocation.mockClear())

  it('a high-accuracy fix (check-in) gives WeChat at least the 3000 ms it needs for one', async () => {
    await expect(getLocationGcj02(true)).resolves.toEqual({ longitude: 120.1, latitude: 30.2, accuracy: 12 })
    expect(getLocation).toHaveBeenCalledWith({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: HIGH_ACCURACY_MS })
    expect(HIGH_ACCURACY_MS).toBeGreaterThanOrEqual(3000)
  })

  it('an ordinary fix asks for neither', async () => {
    await getLocationGcj02()
    expect(getLocation).toHaveBeenCalledWith({ type: 'gcj02' })
  })
})
