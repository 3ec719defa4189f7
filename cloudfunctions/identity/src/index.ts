import { createRouter } from '../../../server/router'
import { apply, myStatus, updateProfile } from './actions/rider'
import { issuePass, verifyPass } from './actions/pass'
import { approve, badgeUrl, queue, reject, revoke } from './actions/review'

export const main = createRouter('identity', {
  apply,
  myStatus,
  updateProfile,
  issuePass,
  verifyPass,
  queue,
  badgeUrl,
  approve,
  reject,
  revoke,
})
