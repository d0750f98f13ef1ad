import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? 'localhost' },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
      ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/*.css'],
    }),
    tsconfigPaths(),
  ],
  // PGlite ships its own WASM loader; let Node load it untouched.
  ssr: { external: ['@electric-sql/pglite'] },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
})
