import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPolicy, cspHash, headersFile, injectPolicy, inlineHashes } from '../../../build/csp.mjs';

const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title><script>boot()</script>
<script type="module" src="/_astro/a.js"></script><style>.a{color:red}</style></head><body><script type="module">go()</script></body></html>`;

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('Content-Security-Policy (issue #16, item 10)', () => {
  it('hashes inline scripts and styles, not scripts loaded from the site', () => {
    expect(cspHash('boot()')).toBe(sha('boot()'));
    expect(inlineHashes(page)).toEqual({ scripts: [sha('boot()'), sha('go()')], styles: [sha('.a{color:red}')] });
  });

  it('is strict: no unsafe-inline or unsafe-eval for scripts, wasm only, everything else from the site', () => {
    const policy = buildPolicy(inlineHashes(page));
    const directives = Object.fromEntries(policy.split('; ').map((d: string) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", ...[sha('boot()'), sha('go()')].sort()]);
    expect(directives['style-src']).toEqual(["'self'", sha('.a{color:red}')]);
    expect(directives['style-src-attr']).toEqual(["'unsafe-inline'"]);
    for (const d of ['default-src', 'connect-src', 'worker-src', 'font-src']) expect(directives[d]).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(policy).not.toMatch(/'unsafe-eval'|frame-ancestors/);
  });

  it('puts the policy before every script of the page, once', () => {
    const out = injectPolicy(injectPolicy(page, "default-src 'self'"), "default-src 'self'");
    expect(out.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script'));
    expect(out.indexOf('<meta charset')).toBeLessThan(out.indexOf('Content-Security-Policy'));
  });

  it('_headers adds frame-ancestors * (embeds stay embeddable), nosniff and a referrer policy', () => {
    const h = headersFile("default-src 'self'");
    expect(h).toBe("/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors *\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n");
  });
});
