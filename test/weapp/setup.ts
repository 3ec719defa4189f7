// A page render waits for the emulator's functions (a cold instance takes ~0.3 s to start).
jest.setTimeout(60_000)
