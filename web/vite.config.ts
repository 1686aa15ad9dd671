import { defineConfig } from 'vite';

// The web UI is a static build served by the gateway (same origin as the API, so no CORS and a
// strict CSP: no inline scripts). `npm run dev -w @mpp/web` proxies the API to a running gateway.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', sourcemap: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 400 },
  server: {
    proxy: {
      '/api': process.env.MPP_API ?? 'http://localhost:8080',
      '/oidc': process.env.MPP_API ?? 'http://localhost:8080',
      '/ui-config.json': process.env.MPP_API ?? 'http://localhost:8080',
    },
  },
});
