import { createRouter } from '../../../server/router'
import { consent, consentStatus } from './actions/consent'
import { exportMine } from './actions/export'
import { me } from './actions/me'
import { settings } from './actions/settings'

export const main = createRouter('user', { me, settings, consentStatus, consent, exportMine })
