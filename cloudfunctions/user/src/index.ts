import { createRouter } from '../../../server/router'
import { consent, consentStatus } from './actions/consent'
import { accessLog, cancelDeletion, deletionStatus, processingRecords, requestDeletion, requestDeletionFor } from './actions/deletion'
import { exportMine } from './actions/export'
import { me } from './actions/me'
import { settings } from './actions/settings'
import { runTimer } from './timer'

export const main = createRouter(
  'user',
  {
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
  },
  { timers: runTimer },
)
