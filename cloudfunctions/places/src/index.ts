import { createRouter } from '../../../server/router'
import { checkIn } from './actions/check-in'
import { create } from './actions/create'
import { detail } from './actions/detail'
import { listMine } from './actions/list-mine'
import { nearby } from './actions/nearby'
import { reportStatus } from './actions/report-status'
import { reports } from './actions/reports'
import { setTemporarilyClosed } from './actions/set-temporarily-closed'
import { update } from './actions/update'

export const main = createRouter('places', { nearby, detail, checkIn, reportStatus, create, update, setTemporarilyClosed, listMine, reports })
