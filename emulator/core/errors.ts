/**
 * The one error type of the emulator's services. `code` is a real CloudBase error code name
 * (e.g. DATABASE_DUPLICATE_WRITE, DATABASE_TRANSACTION_CONFLICT, INVALID_PARAM) because the SDK maps
 * known names to errCodes and only retries transactions on DATABASE_TRANSACTION_CONFLICT.
 */
export class CloudbaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status the admin server answers with; CloudBase answers errors with 200 + code. */
    readonly httpStatus = 200,
  ) {
    super(message)
    this.name = 'CloudbaseError'
  }
}

export const invalidParam = (message: string) => new CloudbaseError('INVALID_PARAM', message)
