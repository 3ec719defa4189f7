import type { Database } from './cloud'

/**
 * wx-server-sdk's typings model the callback style too, so query results come back as a union;
 * these helpers give the few shapes the functions use one typed home.
 */
export async function findById<T>(db: Database, collection: string, id: string): Promise<T | null> {
  // where({_id}) rather than doc().get(): a missing document is a normal answer here, not an error.
  const res = (await db.collection(collection).where({ _id: id }).limit(1).get()) as unknown as { data: T[] }
  return res.data[0] ?? null
}
