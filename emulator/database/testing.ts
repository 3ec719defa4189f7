/**
 * Test/bench helpers: serve a database service over the real admin endpoint and point the real
 * wx-server-sdk at it, exactly as the functions runtime does (environment variables from
 * shared/design/cloudbase-runtime.md). Not used by the emulator itself.
 */
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdminHandler } from '../admin/server'
import { InvocationRegistry } from '../core/invocations'
import type { ServiceHandler } from '../admin/types'

export interface AdminServer {
  port: number
  url: string
  invocations: InvocationRegistry
  close(): Promise<void>
}

export async function startAdminServer(database: ServiceHandler, invocations = new InvocationRegistry()): Promise<AdminServer> {
  const handler = createAdminHandler({ database }, invocations)
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && (req.url ?? '').startsWith('/admin')) void handler(req, res)
    else {
      res.writeHead(404)
      res.end()
    }
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `http://127.0.0.1:${port}/admin`,
    invocations,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

/** The environment the functions runtime sets for a function instance (see the runtime doc). */
export function sdkEnvironment(port: number, identity: { openid?: string; apiToken?: string } = {}): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-dummy-id',
    TENCENTCLOUD_SECRETKEY: 'local-dummy-key',
    TENCENTCLOUD_SESSIONTOKEN: '',
    SCF_NAMESPACE: 'local-dev',
    TCB_ENV: 'local-dev',
    TENCENTCLOUD: 'true',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
    WX_OPENID: identity.openid ?? 'o-test-openid',
    WX_APPID: 'wx-test-appid',
    WX_UNIONID: '',
    WX_CLIENTIP: '127.0.0.1',
    WX_API_TOKEN: identity.apiToken ?? '',
  }
}

/** Sets the environment and loads + initialises wx-server-sdk (call inside jest.isolateModules or once per process). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx-server-sdk ships no types
export function loadSdk(port: number, identity: { openid?: string; apiToken?: string } = {}): any {
  Object.assign(process.env, sdkEnvironment(port, identity))
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after its environment is set, once per isolated module registry
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}
