/** Every conformance area; each file cites its sources case by case. */
import type { CaseArea } from '../case'
import databaseReads from './database-reads'
import databaseTransactions from './database-transactions'

export const AREAS: CaseArea[] = [databaseReads, databaseTransactions]
