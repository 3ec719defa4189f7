/** The h5 shell's styles (shell.h5.ts); nothing on weapp, which has no browser shell. */
export {}
