import type { DatabaseService, DatabaseServiceOptions } from './database'

export type { Snapshot } from './database'

/** What the rest of the emulator needs from the database: the database service's interface, which
 * tests may satisfy with a stub (emulator/testing/stub-database.ts). */
export type DatabaseLike = DatabaseService
export type DatabaseFactoryOptions = DatabaseServiceOptions
export type DatabaseFactory = (opts: DatabaseFactoryOptions) => Promise<DatabaseLike>
