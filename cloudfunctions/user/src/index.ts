import { createRouter } from '../../../server/router'
import { me } from './actions/me'

export const main = createRouter('user', { me })
