import { createRouter } from '../../../server/router'
import { createCommunity, updateCommunity } from './actions/communities'
import { createInvite, grantRole, listInvites, listStaff, redeemInvite, revokeRole } from './actions/roles'

export const main = createRouter('admin', { createCommunity, updateCommunity, grantRole, revokeRole, createInvite, listInvites, listStaff, redeemInvite })
