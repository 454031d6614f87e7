// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { fileURLToPath } from 'node:url';
import { cspIntegration } from './build/csp.mjs';
import { tfjsUrlFlagsEsbuildPlugin, tfjsUrlFlagsPlugin } from './build/tfjs-url-flags.mjs';
import { PORTABLE_BASE, PORTABLE_OUT_DIR, portableIntegration } from './build/portable.mjs';

/**
 * BASE_PATH serves the site from a sub-path, e.g. BASE_PATH=/scorefield/ for https://host/scorefield/.
 * SITE_URL (optional) is the deployed origin, used for canonical links and "cite this page".
 * PORTABLE=1 builds into dist-portable/ with relative URLs (build/portable.mjs): the folder works under any path.
 */
const portable = process.env.PORTABLE === '1';
const base = portable ? PORTABLE_BASE : normaliseBase(process.env.BASE_PATH ?? '/');

export default defineConfig({
  srcDir: './site',
  publicDir: './public',
  base,
  ...(portable ? { outDir: PORTABLE_OUT_DIR } : {}),
  site: (!portable && process.env.SITE_URL) || undefined,
  trailingSlash: 'always',
  // The portable rewrite changes inline scripts, so it runs before the policy hashes them (integrations run in order).
  integrations: [mdx(), ...(portable ? [portableIntegration()] : []), cspIntegration()],
  markdown: {
    // Both themes as CSS variables; global.css picks one with light-dark(), following the reader's theme.
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }, defaultColor: false },
    remarkPlugins: [remarkMath],
    // \htmlClass is trusted only for the equation ↔ figure links (components/article/term-links.ts): sf-term-<name>.
    rehypePlugins: [
      [
        rehypeKatex,
        {
          strict: (/** @type {string} */ code) => (code === 'htmlExtension' ? 'ignore' : 'error'),
          trust: (/** @type {{ command: string; class?: string }} */ ctx) => ctx.command === '\\htmlClass' && /^sf-term-(eps0|epsy|s)$/.test(ctx.class ?? ''),
        },
      ],
    ],
  },
  vite: {
    // tfjs must not read the page's query string (a bad percent-escape broke it; ?tfjsflags= reconfigured it).
    plugins: [tfjsUrlFlagsPlugin()],
    // … also under `astro dev`, whose pre-bundled dependencies bypass Vite's transforms.
    optimizeDeps: { esbuildOptions: { plugins: [tfjsUrlFlagsEsbuildPlugin()] } },
    // The training lab's and the guidance sweep's workers load tfjs backends lazily (dynamic imports, code-split
    // chunks): ES-module workers can split chunks, IIFE ones cannot.
    worker: { format: 'es', plugins: () => [tfjsUrlFlagsPlugin()] },
    build: {
      // tfjs backends (webgl ≈ 540 KB, 86 KB gzip) are one lazily loaded chunk each; nothing that big loads up front.
      chunkSizeWarningLimit: 600,
      // Fonts stay files of the site (the CSP allows fonts from 'self' only, not data: URLs).
      assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    },
    resolve: {
      // tfjs-core references node-fetch for Node; Astro's dev server would otherwise ship the Node package to the browser.
      alias: { 'node-fetch': fileURLToPath(new URL('./site/shims/node-fetch.js', import.meta.url)) },
    },
  },
});

/**
 * "scorefield" or "/scorefield" → "/scorefield/"; "" → "/".
 * @param {string} path
 */
function normaliseBase(path) {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
