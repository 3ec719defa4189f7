/** Every conformance area; each file cites its sources case by case. */
import type { CaseArea } from '../case'
import databaseAggregate from './database-aggregate'
import databaseErrors from './database-errors'
import databaseGeo from './database-geo'
import databaseQuery from './database-query'
import databaseReads from './database-reads'
import databaseTransactions from './database-transactions'
import databaseUpdate from './database-update'
import functions from './functions'
import openapi from './openapi'
import storage from './storage'
import timers from './timers'

export const AREAS: CaseArea[] = [databaseReads, databaseQuery, databaseUpdate, databaseAggregate, databaseTransactions, databaseGeo, databaseErrors, functions, storage, openapi, timers]
