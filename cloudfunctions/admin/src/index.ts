import { createRouter } from '../../../server/router'
import { createCommunity } from './actions/communities'
import { createInvite, grantRole, listInvites, listStaff, redeemInvite, revokeRole } from './actions/roles'

export const main = createRouter('admin', { createCommunity, grantRole, revokeRole, createInvite, listInvites, listStaff, redeemInvite })
