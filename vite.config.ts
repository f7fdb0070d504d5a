import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  // A dependency cache and live-reload port of its own (the dev-server test starts one from cold).
  cacheDir: process.env.VITE_CACHE_DIR ?? 'node_modules/.vite',
  server: { middlewareMode: true, hmr: process.env.VITE_HMR_PORT ? { port: Number(process.env.VITE_HMR_PORT) } : undefined },
  build: { target: 'es2022', cssMinify: true },
  // Native server-only packages: the dependency pre-bundler must not follow them into a browser build.
  // `leaflet` is imported on demand (the map), so the start-up scan cannot see it: named here, it is
  // pre-bundled with the rest instead of triggering a second optimisation and a reload.
  optimizeDeps: { exclude: ['@node-rs/argon2'], include: ['leaflet'] },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
        // Scan every route at start-up, so the first visits do not find new dependencies one page
        // at a time, each time re-optimising and reloading the page.
        unstable_optimizeDeps: true,
      },
    }),
  ],
});
