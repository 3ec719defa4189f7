import { callerOpenid } from '../../../server/cloud'
import { createRouter } from '../../../server/router'
import { adjust, reconcile } from './actions/admin'
import { balance } from './actions/balance'
import { history } from './actions/history'
import { isTimerEvent, runTimer } from './timer'

const router = createRouter('points', { balance, history, adjust, reconcile })

/** Timer events (no caller identity) go to the timers; everything else through the router. */
export const main = async (event: unknown): Promise<unknown> => (isTimerEvent(event) && !callerOpenid() ? runTimer(event) : router(event))
