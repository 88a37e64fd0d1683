/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { t } from './src/i18n/messages.ts';

// Backend (FastAPI) address for the dev proxy; override with API_TARGET.
const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:8000';

/**
 * Ships Swagger UI (npm swagger-ui-dist) inside dist/api-docs/, so the API's /docs page works in a
 * closed network without any CDN.
 */
function selfHostedSwaggerUi(): Plugin {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return {
    name: 'self-hosted-swagger-ui',
    apply: 'build',
    generateBundle() {
      for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
        this.emitFile({ type: 'asset', fileName: `api-docs/${file}`, source: readFileSync(join(dir, file)) });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    selfHostedSwaggerUi(),
    {
      // index.html <title> comes from src/i18n/messages.ts (no UI text elsewhere).
      name: 'app-title',
      transformIndexHtml: (html) => html.replace('%APP_TITLE%', t.app.name),
    },
  ],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the build that is deployed (they would publish the full source); SOURCEMAP=1 for debugging.
    sourcemap: process.env.SOURCEMAP === '1',
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
