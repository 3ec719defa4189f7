import { AppError } from '@domain/errors'
import { BEFORE_NOTICE_ACTIONS, FIRST_OPEN_CHOICES, PRIVACY_NOTICE } from '@domain/privacy'
import { call, setCallGate, type GateAnswer } from '@/api'
import { callerKey } from '@/api/cache'

/**
 * The first-open privacy notice (PIPL art. 17, WeChat's 用户隐私保护指引): until the person has
 * accepted the current PRIVACY_NOTICE, nothing about them is read or stored — every call but
 * BEFORE_NOTICE_ACTIONS passes here. Whether they accepted is the server's answer
 * (`user.consentStatus`, one read, asked once per launch): a device flag would survive 注销 and
 * miss a new notice version. Until that answer is in, a call leaves marked `ifConsented`, beside
 * the question rather than after it: the server refuses it (NOTICE_REQUIRED) before reading or
 * creating anything unless the caller's consent record names the current notice, and a refused
 * call waits here for the acceptance. Once the notice is known to be needed, calls wait here
 * before they leave. Accepting records it once in `consents` (`user.consent`).
 */
export type NoticeState = 'unknown' | 'needed' | 'accepted'

const FREE = new Set<string>([...BEFORE_NOTICE_ACTIONS, 'user.consent'])

let state: NoticeState = 'unknown'
let checking: Promise<void> | null = null
let accepting: Promise<void> | null = null
let release: { resolve: () => void; reject: (err: AppError) => void } | null = null
let accepted: Promise<void> | null = null
/** bumped by every reset: answers to questions asked before it are about another caller */
let round = 0
const listeners = new Set<(s: NoticeState) => void>()

function setState(next: NoticeState): void {
  if (state === next) return
  state = next
  for (const l of [...listeners]) l(next)
}

export const noticeState = (): NoticeState => state

export function subscribeNotice(listener: (s: NoticeState) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function untilAccepted(): Promise<void> {
  if (!accepted) accepted = new Promise<void>((resolve, reject) => (release = { resolve, reject }))
  return accepted
}

/**
 * Asks the server once; concurrent calls share the answer. Not signed in (h5 before the demo
 * sign-in) lets the call go: it is refused as well and stores nothing, and the next call asks again.
 */
function check(): Promise<void> {
  if (state === 'accepted') return Promise.resolve()
  if (state === 'needed') return untilAccepted()
  if (!checking) {
    const askedIn = round
    // h5: index.html may have asked it already (config/route-preload.ts's NOTICE_QUESTION); call takes that answer
    const asking: Promise<void> = call('user', 'consentStatus', {})
      .then((s) => {
        // the answer about someone the app no longer acts for (h5 demo persona switch): ask for the current one
        if (askedIn !== round) return check()
        if (!s.needsConsent) return setState('accepted')
        setState('needed')
        return untilAccepted()
      })
      .catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'UNAUTHENTICATED') return
        throw err
      })
      .finally(() => {
        // a question asked before a reset must not clear the one asked after it
        if (checking === asking) checking = null
      })
    checking = asking
  }
  return checking
}

/**
 * Who the answer is about (src/api/cache's caller key). weapp: one WeChat user per launch. h5: the
 * local demo switches personas without a reload.
 */
const caller = (): string => callerKey() ?? ''
let answeredFor = ''

function reset(): void {
  round++
  state = 'unknown'
  checking = accepting = accepted = release = null
}

async function gate(fn: string, action: string, { wait }: { wait: boolean }): Promise<GateAnswer> {
  if (FREE.has(`${fn}.${action}`)) return 'open'
  const who = caller()
  if (who !== answeredFor) {
    // another caller (h5 demo persona switch): what was known, or is being asked, was about the last one
    answeredFor = who
    const was = state
    reset()
    if (was !== 'unknown') for (const l of [...listeners]) l(state)
  }
  if (state === 'accepted') return 'open'
  if (state === 'unknown' && !wait) {
    // not known yet: the call leaves now, beside the question, for the server to refuse unless accepted
    check().catch(() => undefined)
    return 'ifConsented'
  }
  await check()
  return 'open'
}

/** Records the acceptance (once, however often it is tapped) and lets the waiting calls go. */
export function acceptNotice(): Promise<void> {
  if (!accepting) {
    accepting = call('user', 'consent', { version: PRIVACY_NOTICE.version, ...FIRST_OPEN_CHOICES })
      .then(() => {
        setState('accepted')
        release?.resolve()
      })
      .catch((err: unknown) => {
        accepting = null
        throw err
      })
  }
  return accepting
}

/**
 * Not now: the waiting calls fail with a message (their pages show it with a retry, which asks
 * again); browsing the map, which stores nothing, keeps working.
 */
export function declineNotice(): void {
  const waiting = release
  accepted = null
  release = null
  setState('unknown')
  waiting?.reject(new AppError('FORBIDDEN', '同意《小哥驿站个人信息保护说明》后才能使用此功能'))
}

/** At launch: every later call passes the gate; the question is asked at once, beside the entry page's reads. */
export function installNoticeGate(): void {
  // a launch starts from the server's answer, never from an earlier one's
  reset()
  answeredFor = caller()
  setCallGate(gate)
  check().catch(() => undefined)
}
