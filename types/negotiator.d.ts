// negotiator 0.6.4 ships no types; only what the emulator's static server uses.
declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http'
  export default class Negotiator {
    constructor(request: IncomingMessage)
    /** accepted encodings of `available`, best first; ties ordered by `preferred` */
    encodings(available?: string[], preferred?: string[]): string[]
  }
}
