/**
 * The portable build (PORTABLE=1): one folder that works under any path without rebuilding (an LMS package, a
 * course's file area, a USB stick served by any static server).
 *
 * Astro has no relative base, so the build runs with a placeholder base (PORTABLE_BASE) and this step, after the
 * build and before the CSP hashes inline scripts, rewrites every occurrence of it:
 *
 * - in HTML, CSS, JSON and other text files: to the file's own way up to the site root ("./", "../", "../../"…),
 *   so links, <script src>, stylesheets, fonts in CSS and previews resolve against the file that names them;
 * - in JavaScript (chunks, workers, inline scripts): a string literal that starts with the placeholder becomes an
 *   expression of the root's path computed at run time, from the module's own URL (`import.meta.url`, for files:
 *   chunks and workers live in _astro/) or from the page's (`document.baseURI`, for inline scripts). Code that
 *   joins such a path onto `location.origin` (embed snippets, "cite this page") still gets a path from the root.
 *
 * Any placeholder left over fails the build: a URL kind this step does not know would otherwise 404 at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './files.mjs';

/** The base the portable build is made with; never a real path. */
export const PORTABLE_BASE = '/__scorefield_root__/';
export const PORTABLE_OUT_DIR = './dist-portable';

const TEXT = /\.(html|css|js|mjs|json|xml|txt|svg|webmanifest)$/;
const SCRIPT = /(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>)/gi;

/** "./" for a file at the root, "../" one folder down, … @param {number} depth folders between the root and the file */
export function upToRoot(depth) {
  return depth === 0 ? './' : '../'.repeat(depth);
}

/** Escapes a string for a RegExp. @param {string} s */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * JavaScript with every string literal that starts with the placeholder turned into `(root + "rest")`, where `root`
 * is the expression given (a path from the host's root, ending in "/").
 * @param {string} code @param {string} root
 */
export function rewriteScript(code, root) {
  const p = escapeRe(PORTABLE_BASE);
  return code
    .replace(new RegExp(`"${p}((?:[^"\\\\\\n]|\\\\.)*)"`, 'g'), (_, rest) => `(${root}+"${rest}")`)
    .replace(new RegExp(`'${p}((?:[^'\\\\\\n]|\\\\.)*)'`, 'g'), (_, rest) => `(${root}+'${rest}')`)
    .replace(new RegExp(`\`${p}`, 'g'), () => `\`\${${root}}`);
}

/** The root's path from a module's own URL, for a module `depth` folders below the root. @param {number} depth */
export const moduleRoot = (depth) => `new URL(${JSON.stringify(upToRoot(depth))},import.meta.url).pathname`;
/** The root's path from a page's URL, for a page `depth` folders below the root. @param {number} depth */
export const pageRoot = (depth) => `new URL(${JSON.stringify(upToRoot(depth))},document.baseURI).pathname`;

/**
 * One file's text made portable. @param {string} text @param {string} path the file's path from the root ("a/b.html")
 */
export function rewriteFile(text, path) {
  if (!text.includes(PORTABLE_BASE)) return text;
  const depth = path.split('/').length - 1;
  const rel = upToRoot(depth);
  if (/\.m?js$/.test(path)) return rewriteScript(text, moduleRoot(depth));
  let out = text;
  if (path.endsWith('.html')) {
    out = out.replace(SCRIPT, (_, open, body, close) => `${open.replaceAll(PORTABLE_BASE, rel)}${rewriteScript(body, pageRoot(depth))}${close}`);
  }
  return out.replaceAll(PORTABLE_BASE, rel);
}

/** Rewrites every text file of a build; throws on a placeholder left over. Returns how many files changed. @param {string} dist */
export function makePortable(dist) {
  let changed = 0;
  const left = [];
  for (const path of listFiles(dist)) {
    if (!TEXT.test(path)) continue;
    const full = join(dist, path);
    const text = readFileSync(full, 'utf8');
    const out = rewriteFile(text, path);
    if (out !== text) {
      writeFileSync(full, out);
      changed++;
    }
    if (out.includes(PORTABLE_BASE)) left.push(path);
  }
  if (left.length) throw new Error(`portable: the placeholder base is left in ${left.join(', ')}`);
  return changed;
}

/** The Astro integration: makes the build portable (list it before the CSP integration). @returns {import('astro').AstroIntegration} */
export function portableIntegration() {
  return {
    name: 'scorefield:portable',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const n = makePortable(new URL(dir).pathname);
        logger.info(`portable: relative URLs in ${n} files`);
      },
    },
  };
}
