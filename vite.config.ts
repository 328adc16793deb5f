import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Dev-server SPA fallback for the two clients, mirroring what the Fastify server does in
 * production: /admin/* → admin/index.html, /m/* → resident/index.html, /open/* →
 * open/index.html. Requests for files
 * (anything with an extension) and Vite's own paths pass through.
 */
function clientFallback(): Plugin {
  return {
    name: 'civicgrid-client-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        const path = url.split('?')[0];
        const isPage = (req.headers.accept ?? '').includes('text/html') && !/\.[a-z0-9]+$/i.test(path);
        if (isPage && (path === '/admin' || path.startsWith('/admin/'))) req.url = '/admin/index.html';
        else if (isPage && (path === '/m' || path.startsWith('/m/'))) req.url = '/resident/index.html';
        else if (isPage && (path === '/open' || path.startsWith('/open/'))) req.url = '/open/index.html';
        else if (path === '/' && isPage) req.url = '/admin/index.html';
        next();
      });
    },
  };
}

/**
 * Vant's icon font is embedded as woff2, with a woff fallback on a public CDN (at.alicdn.com).
 * A county intranet cannot reach it, the Content-Security-Policy refuses it, and a page should
 * not tell a CDN who opened it: the fallback is dropped, the embedded font stays.
 */
function iconFontWithoutCdn(): Plugin {
  return {
    name: 'civicgrid-icon-font-without-cdn',
    transform(code, id) {
      if (!id.includes('/vant/') || !id.split('?')[0].endsWith('.css') || !code.includes('alicdn.com')) return null;
      return { code: code.replace(/,\s*url\((?:https?:)?\/\/at\.alicdn\.com[^)]*\)\s*format\("[^"]*"\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: here('./web'),
  base: '/',
  plugins: [vue(), clientFallback(), iconFontWithoutCdn()],
  resolve: {
    alias: {
      '@common': here('./common'),
      '@lib': here('./web/lib'),
    },
  },
  define: {
    // vue-i18n esm-bundler feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      input: {
        admin: here('./web/admin/index.html'),
        resident: here('./web/resident/index.html'),
        open: here('./web/open/index.html'),
      },
      output: {
        // Split by page alone, Element Plus came in dozens of files of a few kB each, and a
        // browser fetches six at a time: opening the workbench waited 320 ms on 30 of them before
        // its first API request (issue 9). Element Plus and its helpers are one file instead, fetched
        // once with the admin's shell and cached (hashed names, immutable).
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'element-plus',
              test: /node_modules[\\/](element-plus|@element-plus|lodash-es|lodash-unified|@floating-ui|async-validator|@ctrl|memoize-one|normalize-wheel-es|@popperjs)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
