/** Stops the emulator of cloud-setup.ts: closing its stdin makes it stop and exit. */
export default async function teardown(): Promise<void> {
  const child = globalThis.weappCloud
  globalThis.weappCloud = undefined
  if (!child || child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.stdin?.end()
  await exited
}
