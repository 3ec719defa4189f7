/** Every conformance area; each file cites its sources case by case. */
import type { CaseArea } from '../case'
import databaseReads from './database-reads'
import functions from './functions'
import openapi from './openapi'
import storage from './storage'
import timers from './timers'

export const AREAS: CaseArea[] = [databaseReads, functions, storage, openapi, timers]
