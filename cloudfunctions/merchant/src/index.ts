import { createRouter } from '../../../server/router'
import { apply, mine, uploadDir } from './actions/apply'
import { createItem, myItems, setStock, today, updateItem, verify } from './actions/console'
import { licenceUrl, pending, review } from './actions/review'

export const main = createRouter('merchant', { uploadDir, apply, mine, pending, licenceUrl, review, myItems, createItem, updateItem, setStock, verify, today })
