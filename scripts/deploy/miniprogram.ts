/**
 * The mini-program upload that ends a deploy. With an upload key (the mini-program console's
 * 开发 → 开发管理 → 开发设置 → 小程序代码上传密钥, its file path in the credentials file, and the AppID
 * in deploy/<env-id>.json): build dist/ for the environment and upload it with miniprogram-ci.
 * Without one: say exactly what to do in WeChat DevTools.
 *
 * miniprogram-ci is fetched on demand with npx, pinned, not kept as a devDependency: it brings
 * 1,086 packages and 275 MB (its own babel, swc, less, a WeChat compiler) that every clone and every
 * CI run would install for a step that only a district's release runs, and only with a key.
 */
import { spawnSync } from 'node:child_process'

export const MINIPROGRAM_CI = 'miniprogram-ci@2.1.42'

export interface UploadSettings {
  root: string
  envId: string
  appId?: string
  privateKeyPath?: string
  version: string
  description: string
}

/** The commands an upload runs (argument vectors, no shell). */
export function uploadCommands(s: UploadSettings & { appId: string; privateKeyPath: string }): { title: string; cmd: string; args: string[]; env: Record<string, string> }[] {
  return [
    {
      title: `build the mini-program for ${s.envId}`,
      cmd: 'npx',
      args: ['taro', 'build', '--type', 'weapp'],
      env: { NODE_ENV: 'production', TARO_APP_CLOUD_ENV: s.envId, TARO_APP_ID: s.appId },
    },
    {
      title: `upload version ${s.version} with ${MINIPROGRAM_CI}`,
      cmd: 'npx',
      args: ['--yes', MINIPROGRAM_CI, 'upload', '--project-path', s.root, '--private-key-path', s.privateKeyPath, '--appid', s.appId, '--upload-version', s.version, '--upload-description', s.description, '--robot', '1', '--use-project-config'],
      env: {},
    },
  ]
}

/** What to do in DevTools when there is no upload key. */
export function devToolsSteps(s: UploadSettings): string[] {
  return [
    'mini-program: no upload key configured, so upload it from WeChat DevTools:',
    `  1. TARO_APP_CLOUD_ENV=${s.envId}${s.appId ? ` TARO_APP_ID=${s.appId}` : ''} npm run build:weapp`,
    `  2. open the repository root in WeChat DevTools (AppID ${s.appId ?? 'from the mini-program console, also in project.config.json'})`,
    `  3. 上传 (top right): version ${s.version}, note "${s.description}"; then submit it for review in the mini-program console`,
    '  (or put privateKeyPath in the credentials file and appId in deploy/<env-id>.json, and the deploy uploads it: README → deploy)',
  ]
}

export function uploadMiniProgram(s: UploadSettings, log: (line: string) => void, plan: boolean): boolean {
  if (!s.appId || !s.privateKeyPath) {
    for (const line of devToolsSteps(s)) log(line)
    return true
  }
  const steps = uploadCommands({ ...s, appId: s.appId, privateKeyPath: s.privateKeyPath })
  for (const step of steps) {
    if (plan) {
      log(`mini-program: would ${step.title}`)
      continue
    }
    log(`━━ ${step.title}`)
    const res = spawnSync(step.cmd, step.args, { cwd: s.root, stdio: 'inherit', env: { ...process.env, ...step.env } })
    if (res.status !== 0) {
      log(`✗ ${step.title} failed`)
      return false
    }
  }
  return true
}
