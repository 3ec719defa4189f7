import { createRouter } from '../../../server/router'
import { create } from './actions/create'
import { detail } from './actions/detail'
import { dismissFlag } from './actions/dismiss-flag'
import { flag } from './actions/flag'
import { flags } from './actions/flags'
import { listMine } from './actions/list-mine'
import { nearby } from './actions/nearby'
import { recordEntry } from './actions/record-entry'
import { search } from './actions/search'
import { update } from './actions/update'

export const main = createRouter('compounds', { search, detail, nearby, flag, listMine, flags, create, update, dismissFlag, recordEntry })
