/**
 * 内容安全: receives the verdicts of `security.mediaCheckAsync` (message push, event
 * `wxa_media_check`, configured in the console to go to this function) and applies them to the
 * pictures they are about. It has no actions of its own: anything else gets the router's answer.
 */
import { applyMediaCheckEvent, isMediaCheckEvent } from '../../../server/content-check'
import { database } from '../../../server/cloud'
import { createRouter } from '../../../server/router'

const router = createRouter('moderation', {})

/**
 * WeChat adds `userInfo` to every call made from the mini-program (and overwrites a client's own),
 * never to a message push: an event with it is a client pretending to be the platform.
 */
const fromClient = (event: object) => 'userInfo' in event

export const main = async (event: unknown): Promise<unknown> => {
  if (!isMediaCheckEvent(event) || fromClient(event)) return router(event)
  const outcome = await applyMediaCheckEvent(database(), event, new Date())
  if (outcome === 'unknown') console.warn(JSON.stringify({ level: 'warn', where: 'moderation', traceId: event.trace_id, message: 'verdict for an unknown check' }))
  return { outcome }
}
