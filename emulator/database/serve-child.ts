/**
 * Serves a database service over the admin endpoint in its own process, for the crash test and
 * the benchmark (which need a process they can `kill -9`, or one that does not share the event
 * loop with the load generator). Run: node --import tsx emulator/database/serve-child.ts <dataDir> <schemaDir> [serveWhileLoadingAboveBytes]
 * Prints one JSON line {"port": …, "startupMs": …, "loading": …} when it serves, and a second one
 * {"loadedMs": …, "docs": …} when every collection is loaded (at once, for a small snapshot).
 */
import { createDatabaseService } from './index'
import { startAdminServer } from './testing'

async function main(): Promise<void> {
  const [dataDir, schemaDir, above] = process.argv.slice(2)
  if (!dataDir || !schemaDir) throw new Error('usage: serve-child.ts <dataDir> <schemaDir> [serveWhileLoadingAboveBytes]')
  const t0 = performance.now()
  const svc = await createDatabaseService({ dataDir, schemaDir, serveWhileLoadingAboveBytes: above === undefined ? undefined : Number(above) })
  const startupMs = performance.now() - t0
  const srv = await startAdminServer(svc.handle)
  const loading = svc.listCollections().some((c) => c.loading)
  process.stdout.write(JSON.stringify({ port: srv.port, startupMs, loading }) + '\n')
  await svc.loaded
  const docs = svc.listCollections().reduce((n, c) => n + c.count, 0)
  process.stdout.write(JSON.stringify({ loadedMs: performance.now() - t0, docs }) + '\n')
  const stop = async () => {
    await srv.close()
    await svc.close()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
