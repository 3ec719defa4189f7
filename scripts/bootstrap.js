#!/usr/bin/env node
/**
 * The README's two commands start here, on a machine that may have nothing but Node and npm:
 *   npm start  → node scripts/bootstrap.js start
 *   npm test   → node scripts/bootstrap.js test
 * It installs the project's dependencies when missing or stale (npm ci), and for tests Debian's
 * chromium when missing (browsers cannot be downloaded by npm here), then hands over to the
 * TypeScript script of the same name (./handover.js: stop signals are passed on to it). Plain
 * CommonJS with no dependencies, because it runs first.
 */
'use strict'
const { spawnSync } = require('node:child_process')
const { createHash } = require('node:crypto')
const { existsSync, readFileSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { handOver } = require('./handover')

const root = join(__dirname, '..')
const CHROMIUM = '/usr/bin/chromium'
// A CJK font so that journey screenshots show Chinese text instead of boxes.
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts })
  if (res.error) throw res.error
  return res.status ?? 1
}

function ensureDependencies() {
  const lock = readFileSync(join(root, 'package-lock.json'))
  const hash = createHash('sha256').update(lock).digest('hex')
  const marker = join(root, 'node_modules', '.xiaoge-lock-hash')
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return
  console.log('[setup] 安装依赖 (npm ci)…')
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('[setup] npm ci 失败')
    process.exit(1)
  }
  writeFileSync(marker, hash)
}

function ensureBrowser() {
  if (existsSync(CHROMIUM) && existsSync(CJK_FONT)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  console.log('[setup] 安装 Debian chromium 与中文字体（浏览器端到端测试需要）…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const sudo = isRoot ? [] : ['sudo', '-n']
  const apt = (args) => (isRoot ? run('apt-get', args, { env }) : run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { env }))
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei']) !== 0 || !existsSync(CHROMIUM)) {
    console.error(`[setup] 无法安装 chromium：请以 root 运行 "apt-get install -y chromium" 后重试`)
    process.exit(1)
  }
}

const command = process.argv[2]
const rest = process.argv.slice(3)
if (!['start', 'test'].includes(command)) {
  console.error('usage: node scripts/bootstrap.js start|test [args]')
  process.exit(2)
}
ensureDependencies()
if (command === 'test') ensureBrowser()
handOver(join(root, 'scripts', `${command}.ts`), rest, { cwd: root })
