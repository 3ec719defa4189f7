import { createRouter } from '../../../server/router'
import { create } from './actions/create'
import { similar } from './actions/similar'
import { accept, markDuplicate, notResponsible, release, reply, resolve, start, transfer } from './actions/handle'
import { uploadDir } from './actions/upload-dir'
import { meToo } from './actions/me-too'
import { board, detail, mine, queue, stats } from './actions/read'
import { confirm, reopen } from './actions/reporter'
import { runTimer } from './timer'

export const main = createRouter(
  'suggestions',
  {
  uploadDir,
  similar,
  create,
  meToo,
  mine,
  detail,
  confirm,
  reopen,
  board,
  queue,
  accept,
  start,
  transfer,
  reply,
  resolve,
  notResponsible,
  markDuplicate,
  release,
  stats,
  },
  { timers: runTimer },
)
