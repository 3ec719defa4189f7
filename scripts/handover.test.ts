import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

jest.setTimeout(60_000)

const root = path.join(__dirname, '..')

/** What `npm start` looks like to a signal: npm signals bootstrap.js only, which hands over. */
test('a SIGTERM to the handing-over process stops the script it started, cleanly (npm start under npm, issue 19 item 15)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xg-handover-'))
  const marker = path.join(dir, 'marker')
  const fixture = path.join(__dirname, 'testing', 'stoppable.ts')
  const parent = spawn(process.execPath, ['-e', `require(${JSON.stringify(path.join(__dirname, 'handover.js'))}).handOver(${JSON.stringify(fixture)}, [${JSON.stringify(marker)}])`], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  parent.stdout.on('data', (c) => (out += c))
  parent.stderr.on('data', (c) => (out += c))
  const exited = new Promise<number | null>((resolve) => parent.on('exit', (code) => resolve(code)))
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the script did not start:\n${out}`)), 30_000)
      parent.stdout.on('data', () => {
        if (out.includes('ready')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    parent.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(existsSync(marker) && readFileSync(marker, 'utf8')).toBe('stopped SIGTERM')
  } finally {
    parent.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})
