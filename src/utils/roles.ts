import type { Role } from '@domain/user/model'

/** The community workbench is for workers (their communities) and district admins. */
export const canUseWorkbench = (roles: readonly Role[]): boolean => roles.includes('worker') || roles.includes('admin')
