/**
 * 内容安全: receives the verdicts of `security.mediaCheckAsync` (message push, event
 * `wxa_media_check`, configured in the console to go to this function) and applies them to the
 * pictures they are about. It has no actions of its own: anything else gets the router's answer.
 */
import { applyMediaCheckEvent, isMediaCheckEvent, type MediaCheckEvent } from '../../../server/content-check'
import { database } from '../../../server/cloud'
import { createRouter } from '../../../server/router'

async function applyVerdict(event: MediaCheckEvent): Promise<{ outcome: string }> {
  const outcome = await applyMediaCheckEvent(database(), event, new Date())
  if (outcome === 'unknown') console.warn(JSON.stringify({ level: 'warn', where: 'moderation', traceId: event.trace_id, message: 'verdict for an unknown check' }))
  return { outcome }
}

export const main = createRouter('moderation', {}, { pushes: { accepts: isMediaCheckEvent, handle: applyVerdict } })
