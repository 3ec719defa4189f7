/**
 * Serves a database service over the admin endpoint in its own process, for the crash test and
 * the benchmark (which need a process they can `kill -9`, or one that does not share the event
 * loop with the load generator). Run: node --import tsx emulator/database/serve-child.ts <dataDir> <schemaDir>
 * Prints one JSON line {"port": …, "startupMs": …, "docs": …} when ready.
 */
import { createDatabaseService } from './index'
import { startAdminServer } from './testing'

async function main(): Promise<void> {
  const [dataDir, schemaDir] = process.argv.slice(2)
  if (!dataDir || !schemaDir) throw new Error('usage: serve-child.ts <dataDir> <schemaDir>')
  const t0 = performance.now()
  const svc = await createDatabaseService({ dataDir, schemaDir })
  const startupMs = performance.now() - t0
  const srv = await startAdminServer(svc.handle)
  const docs = svc.listCollections().reduce((n, c) => n + c.count, 0)
  process.stdout.write(JSON.stringify({ port: srv.port, startupMs, docs }) + '\n')
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
