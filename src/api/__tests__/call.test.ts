import { AppError } from '@domain/errors'
import { call, prefetch } from '@/api'

type FakeResponse = { status: number; text: () => Promise<string> }
const respond = (status: number, body: unknown): FakeResponse => ({
  status,
  text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
})

const fetchMock = jest.fn<Promise<FakeResponse>, [string, RequestInit]>()
beforeEach(() => {
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => jest.restoreAllMocks())

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    return e as AppError
  }
  throw new Error('expected the call to fail')
}

const me = { nickname: '张师傅', roles: ['rider'], workerCommunityIds: [], verification: { status: 'verified' }, isNew: false, createdAt: '2025-01-01T00:00:00.000Z' }

describe('call (h5 transport)', () => {
  it('POSTs {action, input, requestId} to /fn/<name> with cookies and resolves with data', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: me }))
    await expect(call('user', 'me', {})).resolves.toEqual(me)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/fn/user')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('include')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    const body = JSON.parse(String(init.body))
    expect(body).toEqual({ action: 'me', input: {}, requestId: expect.stringMatching(/^r-[0-9a-z]+-[0-9a-z]+$/) })
  })

  it('gives every call its own request id', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: me }))
    await call('user', 'me', {})
    await call('user', 'me', {})
    const ids = fetchMock.mock.calls.map(([, init]) => JSON.parse(String(init.body)).requestId)
    expect(new Set(ids).size).toBe(2)
  })

  it('turns an error envelope into an AppError with its code, message and field', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: false, error: { code: 'VALIDATION', message: '不支持的字段「x」', field: 'x', requestId: 'srv-1' } }))
    const err = await failure(call('user', 'me', {}))
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'VALIDATION', message: '不支持的字段「x」', field: 'x', requestId: 'srv-1' })
  })

  it('maps a 401 with an UNAUTHENTICATED envelope and keeps the generated request id', async () => {
    fetchMock.mockResolvedValue(respond(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
    const err = await failure(call('user', 'me', {}))
    expect(err.code).toBe('UNAUTHENTICATED')
    expect(err.message).toBe('请先登录')
    const sent = JSON.parse(String(fetchMock.mock.calls[0][1].body)).requestId
    expect(err.requestId).toBe(sent)
  })

  it('maps an unknown error code to INTERNAL', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: false, error: { code: 'WHATEVER', message: '奇怪' } }))
    expect((await failure(call('user', 'me', {}))).code).toBe('INTERNAL')
  })

  it('maps a network failure to NETWORK with a Chinese message and a request id', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await failure(call('user', 'me', {}))
    expect(err).toBeInstanceOf(AppError)
    expect(err.code).toBe('NETWORK')
    expect(err.message).toMatch(/网络/)
    expect(err.requestId).toMatch(/^r-/)
  })

  it('maps a time-out to TIMEOUT (the request is aborted)', async () => {
    let signal: AbortSignal | undefined
    fetchMock.mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          signal = init.signal ?? undefined
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        }),
    )
    const err = await failure(call('user', 'me', {}, { timeoutMs: 20 }))
    expect(err.code).toBe('TIMEOUT')
    expect(signal?.aborted).toBe(true)
  })

  it.each([
    ['an HTML error page', respond(500, '<html>oops</html>')],
    ['JSON that is not an envelope', respond(200, { hello: 'world' })],
    ['ok without data', respond(200, { ok: true })],
    ['an error without a code', respond(200, { ok: false, error: { message: 'x' } })],
    ['null', respond(200, 'null')],
  ])('maps a malformed answer (%s) to INTERNAL', async (_what, res) => {
    fetchMock.mockResolvedValue(res)
    const err = await failure(call('user', 'me', {}))
    expect(err.code).toBe('INTERNAL')
    expect(err.requestId).toMatch(/^r-/)
  })

  it('maps a gateway 502 without JSON to NETWORK and 504 to TIMEOUT', async () => {
    fetchMock.mockResolvedValueOnce(respond(502, 'Bad Gateway'))
    expect((await failure(call('user', 'me', {}))).code).toBe('NETWORK')
    fetchMock.mockResolvedValueOnce(respond(504, 'Gateway Timeout'))
    expect((await failure(call('user', 'me', {}))).code).toBe('TIMEOUT')
  })
})

describe('prefetch', () => {
  const places = { items: [], next: null }
  const input = { longitude: 120.1, latitude: 30.2, radius: 5000 }

  it('the page’s call with the same input takes the early answer instead of asking again', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: places }))
    prefetch('places', 'nearby', input)
    prefetch('places', 'nearby', input)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    await expect(call('places', 'nearby', { ...input })).resolves.toEqual(places)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    // taken once: a later refresh asks the server
    await call('places', 'nearby', input)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('another input is not answered early', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: places }))
    prefetch('places', 'nearby', { ...input, radius: 3000 })
    await call('places', 'nearby', { ...input, radius: 4000 })
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })
})
