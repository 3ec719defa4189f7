/**
 * Lints in-memory sources with the project's eslint.config.mjs through the ESLint Node API.
 * stdin: [{ filePath, code }] (paths relative to the repository); stdout: [{ filePath, messages: [{ ruleId, line, message }] }].
 * A child process because ESLint loads its config with import(), which jest's module sandbox refuses.
 */
import { ESLint } from 'eslint'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
let input = ''
for await (const chunk of process.stdin) input += chunk
const eslint = new ESLint({ cwd: root })
const out = []
for (const { filePath, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath), warnIgnored: true })
  out.push({ filePath, messages: result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })) })
}
process.stdout.write(JSON.stringify(out))
