import { createRouter } from '../../../server/router'
import { checkIn, checkOut } from './actions/attendance'
import { detail, list } from './actions/browse'
import { cancel } from './actions/cancel'
import { cancelActivity, create, listManaged, update } from './actions/manage'
import { certificate, myRecord } from './actions/record'
import { checkinCode, exportRoster, markNoShows, roster } from './actions/roster'
import { signUp } from './actions/sign-up'
import { runTimer } from './timer'

export const main = createRouter(
  'volunteer',
  {
    list,
    detail,
    signUp,
    cancel,
    checkIn,
    checkOut,
    myRecord,
    certificate,
    create,
    update,
    cancelActivity,
    listManaged,
    roster,
    exportRoster,
    markNoShows,
    checkinCode,
  },
  { timers: runTimer },
)
