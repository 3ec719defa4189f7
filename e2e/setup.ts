// Journeys start an emulator and a browser: give hooks and tests room (per-project testTimeout is
// not a jest 29 option).
jest.setTimeout(120_000)
