import { createRouter } from '../../../server/router'
import { adjust, reconcile } from './actions/admin'
import { balance } from './actions/balance'
import { history } from './actions/history'
import { runTimer } from './timer'

export const main = createRouter('points', { balance, history, adjust, reconcile }, { timers: runTimer })
