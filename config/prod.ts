import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {},
  h5: {
    // The emulator serves dist-h5/ as static files; keep chunks content-hashed (see index.ts).
    legacy: false,
  },
} satisfies UserConfigExport<'webpack5'>
