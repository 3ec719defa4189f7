/**
 * The first reads of the pages the app is opened at (the tabs, the mall, a shared station link),
 * with the exact inputs those pages ask: started before the page's code has loaded, the page's own
 * `call` takes the answer (src/api/call.ts). The h5 build also writes them into index.html
 * (config/route-preload.ts), which starts them while app.js is still downloading: the public ones
 * plainly, the others beside the privacy notice's question (user.consentStatus), marked for the
 * server to refuse unless the notice is accepted (`ifConsented`, domain/envelope.ts).
 */
import reads from './first-reads.json'

export interface FirstRead {
  fn: string
  action: string
  input: Record<string, unknown>
  /** input fields taken from the page's query (`{ id: 'id' }`); without them the read is not made */
  fromQuery?: Record<string, string>
  /**
   * one of the public reads that may leave before the privacy notice is accepted
   * (BEFORE_NOTICE_ACTIONS, checked by the test): sent plainly; the others are sent marked
   * `ifConsented`
   */
  beforeNotice?: true
}

export const ENTRY_PAGE = 'pages/map/index'

/**
 * By page. The map's list is around the district's home, which the server knows (no wait for
 * user.settings): its input is the map's nearbyInput(null, NO_FILTERS), checked by the test. A JSON
 * file because the build's config reads it too, without the app's compiler.
 */
export const FIRST_READS: Record<string, FirstRead[]> = reads as Record<string, FirstRead[]>

/** The reads of a page path (leading slash or none, the entry page when empty) with its query. */
export function firstReads(path: string, query: Record<string, string | undefined>): { fn: string; action: string; input: Record<string, unknown> }[] {
  const reads = FIRST_READS[path.replace(/^\//, '') || ENTRY_PAGE] ?? []
  return reads.flatMap(({ fn, action, input, fromQuery }) => {
    const extra: Record<string, unknown> = {}
    for (const [field, param] of Object.entries(fromQuery ?? {})) {
      const value = query[param]
      if (!value) return []
      extra[field] = value
    }
    return [{ fn, action, input: { ...input, ...extra } }]
  })
}

/** The key an early call is kept under, and asked by: fn, action and the input's JSON. */
export const earlyKey = (fn: string, action: string, input: unknown): string => `${fn}.${action}:${JSON.stringify(input ?? null)}`
