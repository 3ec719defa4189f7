/**
 * 内容安全: receives the verdicts of `security.mediaCheckAsync` (message push, event
 * `wxa_media_check`, configured in the console to go to this function) and applies them to the
 * pictures they are about. It has no actions of its own: anything else gets the router's answer.
 */
import { applyMediaCheckEvent, isMediaCheckEvent } from '../../../server/content-check'
import { database } from '../../../server/cloud'
import { createRouter } from '../../../server/router'

const router = createRouter('moderation', {})

export const main = async (event: unknown): Promise<unknown> => {
  if (!isMediaCheckEvent(event)) return router(event)
  const outcome = await applyMediaCheckEvent(database(), event, new Date())
  if (outcome === 'unknown') console.warn(JSON.stringify({ level: 'warn', where: 'moderation', traceId: event.trace_id, message: 'verdict for an unknown check' }))
  return { outcome }
}
