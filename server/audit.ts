import type { AuditLogEntry } from '../domain/entities/identity'
import type { ActionContext } from './context'
import { AUDIT_LOG } from './collections'


type Entry = Omit<AuditLogEntry, '_id' | 'at' | 'actor' | 'actorRoles' | 'requestId'>

/**
 * Appends entries to `auditLog` (security item 6: every staff access to personal data). Written
 * before the data is returned, so a view that could not be logged is not shown.
 */
export async function writeAudit(ctx: Pick<ActionContext, 'db' | 'openid' | 'user' | 'requestId' | 'now'>, entries: Entry[]): Promise<void> {
  if (!entries.length) return
  const at = ctx.now()
  const docs: AuditLogEntry[] = entries.map((e) => ({
    at,
    actor: ctx.openid,
    actorRoles: ctx.user?.roles ?? [],
    requestId: ctx.requestId,
    ...e,
  }))
  await Promise.all(docs.map((data) => ctx.db.collection(AUDIT_LOG).add({ data })))
}
