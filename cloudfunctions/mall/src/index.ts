import { createRouter } from '../../../server/router'
import { detail, items } from './actions/items'
import { createItem, manageItems, photoDir, reviewItem, setStock, updateItem, verify } from './actions/manage'
import { redeem } from './actions/redeem'
import { cancel, myVouchers, voucherToken } from './actions/vouchers'

export const main = createRouter('mall', { items, detail, redeem, myVouchers, voucherToken, cancel, photoDir, manageItems, createItem, updateItem, setStock, reviewItem, verify })
