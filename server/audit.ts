import type { AuditLogEntry } from '../domain/identity/model'
import type { ActionContext } from './context'
import { AUDIT_LOG } from './collections'


type Entry = Omit<AuditLogEntry, '_id' | 'at' | 'actor' | 'actorRoles' | 'requestId'>

/** Where entries are added: the database, or a transaction so that a change and its entry land together. */
interface AuditTarget {
  collection(name: string): { add(opts: { data: Record<string, unknown> }): unknown }
}

/**
 * Appends entries to `auditLog` (security item 6: every staff access to personal data). Written
 * before the data is returned, so a view that could not be logged is not shown.
 */
export async function writeAudit(ctx: Pick<ActionContext, 'db' | 'openid' | 'user' | 'requestId' | 'now'>, entries: Entry[], into: AuditTarget = ctx.db): Promise<void> {
  if (!entries.length) return
  const at = ctx.now()
  const docs: AuditLogEntry[] = entries.map((e) => ({
    at,
    actor: ctx.openid,
    actorRoles: ctx.user?.roles ?? [],
    requestId: ctx.requestId,
    ...e,
  }))
  await Promise.all(docs.map((data) => into.collection(AUDIT_LOG).add({ data: data as unknown as Record<string, unknown> })))
}
