import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig, type Plugin } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import { inRequestScope } from './server/request-scope.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

/**
 * `npm run dev` runs each request in a request scope, as the production server does (server/app.js): the
 * loaders of a page share one read-only transaction, so a GET loader that writes fails here too, and a
 * form that was not saved is handed back (ADR 0011, ADR 0012). Added before Remix's own middleware.
 */
const requestScope: Plugin = {
  name: 'portal-request-scope',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => inRequestScope(req.method ?? 'GET', () => next()))
  },
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? 'localhost' },
  plugins: [
    requestScope,
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
