import { FunctionInvocationError } from './types'

/**
 * SCF's limits on what goes into and comes out of a synchronous invocation: "Sync request event size
 * 6 MB", "Sync request response size 6 MB" (SCF quota limits,
 * https://cloud.tencent.com/document/product/583/11637). Status codes
 * (https://intl.cloud.tencent.com/document/product/583/35311): 406 RequestTooLarge "the request event
 * size of the function exceeds the quota limit … 6 MB for sync request events"; 407 "The size of
 * response exceeds the upper limit (6MB)"; 400 InvalidParameterValue "The request event … is not of
 * the JSON type".
 */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024

/**
 * The emulator's own bound on nesting (production documents none): the event crosses to the child
 * process as JSON, and V8's JSON.stringify is recursive — at ~5,000 levels it throws "Maximum call
 * stack size exceeded" (36 KB of `{"a":` fits under the gateway's 100 KB). 256 is far beyond any event
 * a mini-program sends and far below the stack limit, and MongoDB refuses documents nested deeper
 * than 100 anyway ("Nested Depth for BSON Documents").
 */
export const MAX_EVENT_DEPTH = 256

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

const invalid = (why: string) =>
  new FunctionInvocationError('FUNCTION_INVALID_EVENT', `InvalidParameterValue: the request event is not of the JSON type (${why})`)

/** Nesting depth of a value, walked without recursion so that the walk itself cannot overflow. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (depth > max) return true // a cycle ends here too: its depth has no end
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return false
}

/**
 * Checks an event before it is handed to a function instance: JSON-serialisable, nested at most
 * MAX_EVENT_DEPTH levels, at most MAX_EVENT_BYTES as JSON. Throws FunctionInvocationError
 * (FUNCTION_INVALID_EVENT / FUNCTION_EVENT_TOO_LARGE) otherwise; nothing is sent, no slot is taken.
 */
export function checkEvent(event: unknown): void {
  if (depthExceeds(event, MAX_EVENT_DEPTH)) throw invalid(`nested deeper than ${MAX_EVENT_DEPTH} levels`)
  let text: string | undefined
  try {
    text = JSON.stringify(event)
  } catch (err) {
    throw invalid((err as Error).message)
  }
  const bytes = text === undefined ? 0 : Buffer.byteLength(text)
  if (bytes > MAX_EVENT_BYTES) {
    throw new FunctionInvocationError('FUNCTION_EVENT_TOO_LARGE', `RequestTooLarge: the request event is ${mb(bytes)}; the limit of a synchronous invocation is 6 MB`)
  }
}

/** The error of a return value over the response limit (its JSON text is what crosses back). */
export function responseTooLarge(json: string | undefined): string | undefined {
  const bytes = json === undefined ? 0 : Buffer.byteLength(json)
  return bytes > MAX_RESPONSE_BYTES ? `The size of response exceeds the upper limit (6MB): ${mb(bytes)}` : undefined
}
