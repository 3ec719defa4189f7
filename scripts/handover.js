'use strict'
/**
 * Runs a TypeScript script in a child `node --import tsx` and passes stop signals on to it; exits
 * with the child's status. Used by bootstrap.js (`npm start`, `npm test`) and scripts/dev.ts.
 *
 * - Signals are relayed because npm sends SIGTERM to its direct child only: without relaying, a
 *   SIGTERM to `npm start` ended this process and left the emulator running (issue 19, item 15).
 * - Not the `tsx` CLI: it relays signals too, but SIGKILLs a child that does not acknowledge within
 *   30 ms, which an emulator busy starting function instances on a loaded machine misses (it then
 *   dies without a clean stop, exit 143).
 * Plain CommonJS with no dependencies, because bootstrap.js requires it before any install.
 */
const { spawn } = require('node:child_process')
const { constants } = require('node:os')

const RELAYED = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** Starts `script` with `args`; resolves with the child process (tests), exits when it exits. */
function handOver(script, args = [], opts = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit', env: process.env, ...opts })
  for (const signal of RELAYED) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  child.on('error', (err) => {
    console.error(`[handover] could not start ${script}: ${err.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)))
  return child
}

module.exports = { handOver }
