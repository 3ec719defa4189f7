import { callerOpenid } from '../../../server/cloud'
import { createRouter } from '../../../server/router'
import { consent, consentStatus } from './actions/consent'
import { accessLog, cancelDeletion, deletionStatus, processingRecords, requestDeletion, requestDeletionFor } from './actions/deletion'
import { exportMine } from './actions/export'
import { me } from './actions/me'
import { settings } from './actions/settings'
import { isTimerEvent, runTimer } from './timer'

const router = createRouter('user', {
  me,
  settings,
  consentStatus,
  consent,
  exportMine,
  deletionStatus,
  requestDeletion,
  cancelDeletion,
  accessLog,
  requestDeletionFor,
  processingRecords,
})

/** Timer events (no caller identity) go to the timer; everything else through the router. */
export const main = async (event: unknown): Promise<unknown> => (isTimerEvent(event) && !callerOpenid() ? runTimer(event) : router(event))
