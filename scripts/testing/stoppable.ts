/**
 * handover.test.ts fixture: a long-running TypeScript process that says `ready`, and on SIGTERM writes
 * `stopped <signal>` into the file given as its argument and exits 0 (the way start.ts stops).
 */
import { writeFileSync } from 'node:fs'

const marker = process.argv[2]
const keepAlive = setInterval(() => undefined, 1000)
process.on('SIGTERM', () => {
  writeFileSync(marker, 'stopped SIGTERM')
  clearInterval(keepAlive)
  process.exit(0)
})
console.log('ready')
