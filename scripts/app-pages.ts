/** The mini-program's page paths as the built app.json lists them, read from src/app.config.ts. */
interface AppConfig {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

export function appPages(): string[] {
  // app.config.ts calls Taro's build-time global `defineAppConfig`; outside a Taro build it is identity
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  const previous = g.defineAppConfig
  g.defineAppConfig = (c) => c
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after defineAppConfig is stubbed, so not hoisted as an import would be
    const config = (require('../src/app.config') as { default: AppConfig }).default
    return [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
  } finally {
    g.defineAppConfig = previous
  }
}
