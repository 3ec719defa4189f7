import { ROLES } from '../../../../domain/entities/user'
import { defineAction } from '../../../../server/router'
import { uploadDirOf } from '../upload'
import { dayKey } from '../../../../domain/time'

/** Where the caller uploads report or fix photos today. No database access. */
export const uploadDir = defineAction('suggestions', 'uploadDir', {
  access: ROLES,
  async handler(_input, ctx) {
    return { dir: uploadDirOf(ctx.openid, dayKey(ctx.now())) }
  },
})
