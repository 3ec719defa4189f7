import type { Role } from '@domain/entities/user'

/** The community workbench is for workers (their communities) and district admins. */
export const canUseWorkbench = (roles: readonly Role[]): boolean => roles.includes('worker') || roles.includes('admin')
