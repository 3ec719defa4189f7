/**
 * One local emulator with the demo data for every page render of a run, in its own process
 * (`tsx test/weapp/cloud.ts`, started by cloud-setup.ts): it prints `{"url": …, "inspectorToken": …}` once ready and
 * stops when its stdin closes. Besides the demo data it holds a volunteer patrol in progress
 * (scripts/testing/volunteer-fixture.ts); besides the demo personas its gateway knows a few
 * brand-new WeChat users: openids without a single document, as someone opening the mini-program
 * for the first time.
 */
import { demoSnapshot } from '../../scripts/demo/data'
import { personas } from '../../scripts/demo/personas'
import { startTestCloud } from '../../scripts/testing/emulator-fixture'
import { seededPatrol } from '../../scripts/testing/volunteer-fixture'
import { NEW_USERS } from './cloud-users'

async function main(): Promise<void> {
  const cloud = await startTestCloud({ personas: [...personas, ...NEW_USERS] })
  await cloud.emulator.database.importSnapshot(demoSnapshot(), { replace: true })
  // a patrol in progress for the check-in scan, shifted to end 25 minutes after the start-up
  await cloud.emulator.database.importSnapshot(seededPatrol(Date.now() + 10 * 60_000) as never, { replace: false })
  process.stdout.write(`${JSON.stringify({ url: cloud.emulator.url, inspectorToken: cloud.emulator.inspectorToken })}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => {
    void cloud.stop().then(() => process.exit(0))
  })
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
