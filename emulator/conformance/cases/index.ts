/** Every conformance area; each file cites its sources case by case. */
import type { CaseArea } from '../case'
import databaseAggregate from './database-aggregate'
import databaseReads from './database-reads'

export const AREAS: CaseArea[] = [databaseReads, databaseAggregate]
