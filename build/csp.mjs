/**
 * A strict Content-Security-Policy for the built site, computed after the build (Astro's experimental CSP hashes its
 * own scripts and styles but not `is:inline` ones, and puts hashes in style-src, which would block KaTeX's style
 * attributes; here one pass over dist/ sees every inline script and style of every page):
 *
 * - every inline <script> and <style> of every page is hashed (SHA-256); the policy allows those hashes and files of
 *   the site itself: no 'unsafe-inline' for scripts, no 'unsafe-eval' ('wasm-unsafe-eval' only, for tfjs's wasm
 *   backend); style attributes (KaTeX's layout) are allowed by style-src-attr 'unsafe-inline', <style> elements only by hash;
 * - workers, fetches (weights, wasm), fonts and images from the site only;
 * - the policy goes into a <meta http-equiv> at the top of every page's <head>, and into dist/_headers (the
 *   Netlify / Cloudflare Pages convention) with frame-ancestors * (a meta policy cannot carry it; embeds must stay
 *   embeddable), X-Content-Type-Options and Referrer-Policy.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;

/** 'sha256-…' of a text, as CSP writes it. @param {string} text */
export function cspHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The hashes of a page's inline scripts (those without src) and <style> elements.
 * @param {string} html
 * @returns {{ scripts: string[], styles: string[] }}
 */
export function inlineHashes(html) {
  const scripts = [];
  const styles = [];
  for (const m of html.matchAll(INLINE_SCRIPT)) if (!/\bsrc\s*=/i.test(m[1] ?? '') && (m[2] ?? '') !== '') scripts.push(cspHash(m[2] ?? ''));
  for (const m of html.matchAll(INLINE_STYLE)) styles.push(cspHash(m[1] ?? ''));
  return { scripts, styles };
}

/**
 * The policy (as a meta tag carries it: no frame-ancestors) for these hashes.
 * @param {{ scripts: Iterable<string>, styles: Iterable<string> }} hashes
 */
export function buildPolicy(hashes) {
  const list = (xs) => [...new Set(xs)].sort().join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${list(hashes.scripts)}`.trim(),
    `style-src 'self' ${list(hashes.styles)}`.trim(),
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The page with the policy as the first element of its <head> after <meta charset> (before any script).
 * @param {string} html
 * @param {string} policy
 */
export function injectPolicy(html, policy) {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}">`;
  const without = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(without);
  if (charset) return without.slice(0, charset.index + charset[0].length) + tag + without.slice(charset.index + charset[0].length);
  const head = /<head[^>]*>/i.exec(without);
  if (!head) throw new Error('csp: a page without <head>');
  return without.slice(0, head.index + head[0].length) + tag + without.slice(head.index + head[0].length);
}

/** The _headers file: the same policy plus frame-ancestors *, nosniff and the referrer policy. @param {string} policy */
export function headersFile(policy) {
  return ['/*', `  Content-Security-Policy: ${policy}; frame-ancestors *`, '  X-Content-Type-Options: nosniff', '  Referrer-Policy: no-referrer', ''].join(
    '\n',
  );
}

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

/** Hashes every page of `dist`, writes the policy into each and dist/_headers; returns the policy. @param {string} dist */
export function applyCsp(dist) {
  const files = htmlFiles(dist);
  const pages = files.map((f) => readFileSync(f, 'utf8'));
  const scripts = [];
  const styles = [];
  for (const html of pages) {
    const h = inlineHashes(html);
    scripts.push(...h.scripts);
    styles.push(...h.styles);
  }
  const policy = buildPolicy({ scripts, styles });
  files.forEach((f, i) => {
    writeFileSync(f, injectPolicy(pages[i] ?? '', policy));
  });
  writeFileSync(join(dist, '_headers'), headersFile(policy));
  return policy;
}

/** The Astro integration: applies the policy after every build. @returns {import('astro').AstroIntegration} */
export function cspIntegration() {
  return {
    name: 'scorefield:csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const policy = applyCsp(new URL(dir).pathname);
        logger.info(`Content-Security-Policy on every page and in _headers: ${policy.length} characters`);
      },
    },
  };
}
