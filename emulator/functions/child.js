'use strict'
/*
 * One function instance of the local CloudBase emulator (plain JS so that a spawn starts fast).
 *
 * Started by emulator/functions/instance.ts with `fork(child.js, [<path of the function's index.js>])`
 * and the runtime environment of the function (TCB_CONTEXT_CNFG, SCF_NAMESPACE, …) already set.
 * It loads the built function unmodified, then takes ONE invocation at a time over IPC:
 *
 *   parent → child  { t: 'inv', id, env: { WX_OPENID, …, TCB_SOURCE }, event, context }
 *   child  → parent { t: 'ready', loadError?, nodeVersion } once, after the module was required
 *                   { t: 'log', id, level, text, ts }     console output (tagged with the invocation)
 *                   { t: 'done', id, ok, result?, error? } result is the JSON text of the return value
 *
 * Identity lives in process.env (wx-server-sdk's getWXContext reads it at call time), which is why an
 * instance is never shared by two concurrent invocations.
 */
const util = require('util')

const entry = process.argv[2]
let current = null // id of the running invocation (logs after it ended keep the last id)
let last = null

function send(msg) {
  if (process.connected) process.send(msg)
}

function log(level, args) {
  send({ t: 'log', id: current || last, level, text: util.format.apply(null, args), ts: Date.now() })
}

for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[level] = (...args) => log(level === 'trace' ? 'debug' : level, args)
}
console.dir = (obj, opts) => log('log', [util.inspect(obj, opts)])
// Raw writes to stdout/stderr (e.g. a library printing directly) are captured as well.
for (const [stream, level] of [[process.stdout, 'log'], [process.stderr, 'error']]) {
  stream.write = (chunk, encoding, cb) => {
    const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk)
    log(level, [text.replace(/\n$/, '')])
    if (typeof encoding === 'function') encoding()
    else if (typeof cb === 'function') cb()
    return true
  }
}

process.on('unhandledRejection', (reason) => {
  log('error', ['Unhandled promise rejection:', reason])
})
process.on('uncaughtException', (err) => {
  log('error', ['Uncaught exception:', err])
  if (current) {
    const id = current
    current = null
    send({ t: 'done', id, ok: false, error: errorInfo(err) })
  }
})
process.on('disconnect', () => process.exit(0))

function errorInfo(err) {
  if (err && typeof err === 'object') {
    return {
      message: String(err.message || err.errMsg || err),
      stack: typeof err.stack === 'string' ? err.stack : undefined,
      errCode: err.errCode,
    }
  }
  return { message: String(err) }
}

let mod = null
let loadError = null
try {
  mod = require(entry)
  if (!mod || typeof mod.main !== 'function') {
    loadError = { message: `${entry} does not export a main(event, context) function` }
  }
} catch (err) {
  loadError = errorInfo(err)
}

const IDENTITY_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_API_TOKEN', 'TCB_SOURCE']

process.on('message', async (m) => {
  if (!m || m.t !== 'inv') return
  current = m.id
  last = m.id
  for (const k of IDENTITY_KEYS) process.env[k] = (m.env && m.env[k]) || ''
  if (loadError) {
    current = null
    send({ t: 'done', id: m.id, ok: false, error: loadError })
    return
  }
  let reply
  try {
    const result = await mod.main(m.event, m.context)
    reply = { t: 'done', id: m.id, ok: true, result: result === undefined ? undefined : JSON.stringify(result) }
  } catch (err) {
    reply = { t: 'done', id: m.id, ok: false, error: errorInfo(err) }
  }
  if (current !== m.id) return // already answered (uncaught exception)
  current = null
  send(reply)
})

send({ t: 'ready', loadError: loadError || undefined, nodeVersion: process.version })
