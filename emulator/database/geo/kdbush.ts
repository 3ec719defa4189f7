/**
 * Loads kdbush and geokdbush, which are ESM-only packages.
 *
 * Node ≥ 20.19 can `require()` ESM natively, but jest's module system (which runs our tests) cannot:
 * it would try to parse node_modules/kdbush/index.js as CommonJS. Going through Node's real
 * `createRequire` (obtained with process.getBuiltinModule, which jest does not intercept) loads the
 * two small pure-JS libraries natively in both jest and tsx, without a transform of node_modules.
 */
import type KDBushType from 'kdbush'

type Around = (
  index: KDBushType,
  lng: number,
  lat: number,
  maxResults?: number,
  maxDistanceKm?: number,
  predicate?: (id: number) => boolean,
) => number[]

interface Loaded {
  KDBush: typeof KDBushType
  around: Around
}

let loaded: Loaded | undefined

export function geoLibs(): Loaded {
  if (loaded) return loaded
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node < 20.16 has no getBuiltinModule
  const nodeModule = (getBuiltin ? getBuiltin('node:module') : require('node:module')) as typeof import('node:module')
  const req = nodeModule.createRequire(__filename)
  const kd = req('kdbush') as { default?: typeof KDBushType } & typeof KDBushType
  const geo = req('geokdbush') as { around: Around }
  loaded = { KDBush: kd.default ?? kd, around: geo.around }
  return loaded
}

export type KDBush = KDBushType
