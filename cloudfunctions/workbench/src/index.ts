import { createRouter } from '../../../server/router'
import { getCloud } from '../../../server/cloud'
import { figures } from './actions/figures'
import { todo } from './actions/todo'
import { runTimer } from './rollup'

export const main = createRouter('workbench', { todo, figures }, { timers: (e) => runTimer(e, getCloud().database()) })
