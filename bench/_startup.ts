import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabaseService } from '../emulator/database'
import { generatePlaces, toEjson } from '../scripts/demo/generate-places'
async function main() {
  const n = Number(process.argv[2] ?? 100000)
  const dir = mkdtempSync(join(tmpdir(), 'xg-startup-'))
  const svc = await createDatabaseService({ dataDir: dir, schemaDir: 'database' })
  let t = performance.now()
  await svc.importSnapshot({ collections: { places: generatePlaces(n, 1).map(toEjson) } }, { replace: true })
  console.log('import+save', Math.round(performance.now() - t), 'ms')
  await svc.close()
  global.gc?.()
  t = performance.now()
  const r0 = process.memoryUsage().rss
  const svc2 = await createDatabaseService({ dataDir: dir, schemaDir: 'database' })
  console.log('open', Math.round(performance.now() - t), 'ms', 'rss', Math.round(process.memoryUsage().rss / 1e6), 'MB (before', Math.round(r0 / 1e6), ')')
  await svc2.close()
  rmSync(dir, { recursive: true, force: true })
}
main()
