import { createRouter } from '../../../server/router'
import { me } from './actions/me'
import { settings } from './actions/settings'

export const main = createRouter('user', { me, settings })
