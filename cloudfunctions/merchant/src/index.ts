import { createRouter } from '../../../server/router'
import { apply, mine, uploadDir } from './actions/apply'
import { createItem, myItems, setStock, today, updateItem, verify } from './actions/console'
import { licenceUrl, pending, review } from './actions/review'
import { merchants, setSuspended } from './actions/manage'
import { runTimer } from './timer'

export const main = createRouter('merchant', { uploadDir, apply, mine, pending, licenceUrl, review, merchants, setSuspended, myItems, createItem, updateItem, setStock, verify, today }, { timers: runTimer })
