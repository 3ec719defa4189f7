/**
 * The secrets the cloud functions read from their environment: random, generated once per
 * environment and never committed or built into the app — locally by scripts/function-env.ts (kept
 * in the emulator's data directory), for CloudBase by `npm run deploy` (kept outside the
 * repository, scripts/deploy/credentials.ts). A function gets the ones its bundle reads.
 */
export const FUNCTION_SECRET_NAMES = ['PASS_SIGNING_KEY', 'VOUCHER_SIGNING_KEY', 'CHECKIN_CODE_SIGNING_KEY', 'PUBLIC_ID_SIGNING_KEY'] as const
