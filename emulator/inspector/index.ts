import fs from 'node:fs'
import path from 'node:path'

const FILE = path.join(__dirname, 'inspector.html')
let cached: { mtime: number; html: string } | undefined

/** The inspector page (one self-contained HTML file; re-read when edited). */
export function inspectorHtml(): string {
  const mtime = fs.statSync(FILE).mtimeMs
  if (!cached || cached.mtime !== mtime) cached = { mtime, html: fs.readFileSync(FILE, 'utf8') }
  return cached.html
}
