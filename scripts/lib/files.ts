import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** Every file below `dir` (recursively), as absolute paths. */
export function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) walk(p, out)
    else out.push(p)
  }
  return out
}

/** `file` relative to `dir`, with forward slashes (how app.json and WeChat's tools name files). */
export const posixRelative = (dir: string, file: string): string => relative(dir, file).split(sep).join('/')
