/**
 * The Node.js runtime of the cloud functions in production, chosen once for the whole project:
 * the README tells deployers to pick it in the CloudBase console (云函数 → 运行环境 Nodejs16.13),
 * esbuild targets it (scripts/build-functions.ts), and `npm test` runs every bundle on exactly
 * that Node (scripts/check-functions-node.ts). CloudBase offers 16.13 and newer
 * (https://docs.cloudbase.net/cloud-function/runtime-support); code that runs on the oldest of
 * them runs on every one a deployer may pick.
 */
export const DEPLOY_NODE_VERSION = '16.13.2'

/** How the CloudBase console names it. */
export const DEPLOY_NODE_RUNTIME = 'Nodejs16.13'

/** esbuild's `target` for the bundles: syntax that Node understands. */
export const FUNCTIONS_TARGET = `node${DEPLOY_NODE_VERSION.split('.').slice(0, 2).join('.')}`
