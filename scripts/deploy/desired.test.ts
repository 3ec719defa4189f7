import { build } from 'esbuild'
import { SUBSCRIBE_MESSAGES } from '../../server/subscribe-messages'
import { optionsFor } from '../build-functions'
import { subscribeMessageNames } from './desired'

/** A function's bundle as scripts/build-functions.ts makes it, in memory, readable or minified. */
const bundleText = async (name: string, minify: boolean) =>
  (await build({ ...optionsFor(name), minify, sourcemap: false, write: false, logLevel: 'silent' })).outputFiles[0].text

// deploy gives a function the template settings of the messages its bundle names; a minified bundle
// writes `env:"X"` where a readable one writes `env: "X"`, and reading only the latter deployed
// every function without its templates (messages silently not sent)
test.each([false, true])('subscribeMessageNames finds the whole messages table in a bundle that sends (minified: %s), none in one that does not', async (minify) => {
  const table = Object.values(SUBSCRIBE_MESSAGES)
    .map((m) => m.env)
    .sort()
  expect(subscribeMessageNames(await bundleText('identity', minify))).toEqual(table)
  expect(subscribeMessageNames(await bundleText('moderation', minify))).toEqual([])
}, 60_000)
