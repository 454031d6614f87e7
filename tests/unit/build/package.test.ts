import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { makePortable, PORTABLE_BASE, rewriteFile, rewriteScript } from '../../../build/portable.mjs';
import { scormManifest } from '../../../build/scorm.mjs';
import { writePackages } from '../../../scripts/package.mjs';
import { checkManifest } from '../../browser/support/scorm-check';

const B = PORTABLE_BASE;
const tmp = mkdtempSync(join(tmpdir(), 'scorefield-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'site-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the portable rewrite', () => {
  it('makes HTML and CSS URLs relative to the file that names them', () => {
    expect(rewriteFile(`<a href="${B}">home</a><link href="${B}_astro/a.css">`, 'index.html')).toBe('<a href="./">home</a><link href="./_astro/a.css">');
    expect(rewriteFile(`<a href="${B}embed/">e</a>`, 'chapters/x/index.html')).toBe('<a href="../../embed/">e</a>');
    expect(rewriteFile(`@font-face{src:url(${B}_astro/k.woff2)}`, '_astro/a.css')).toBe('@font-face{src:url(../_astro/k.woff2)}');
    expect(rewriteFile(`{"page":"${B}embed/x/"}`, 'oembed/x.json')).toBe('{"page":"../embed/x/"}');
  });

  it('turns JavaScript string literals into the root computed at run time, keeping member calls on the whole string', () => {
    const root = '"/lms/c/"';
    const code = rewriteScript(`const b = "${B}".replace(/\\/+$/, ""); const w = '${B}_astro/w.js'; const t = \`${B}weights/\${f}\`;`, root);
    const f = 'm.json';
    // biome-ignore lint/security/noGlobalEval: evaluates the rewritten code to check what it computes
    const values = eval(`(() => { ${code}; return [b, w, t]; })()`);
    expect(values).toEqual(['/lms/c', '/lms/c/_astro/w.js', `/lms/c/weights/${f}`]);
  });

  it('computes the root from the module URL in files and from the page in inline scripts', () => {
    expect(rewriteFile(`fetch("${B}weights/a.json")`, '_astro/x.js')).toBe('fetch((new URL("../",import.meta.url).pathname+"weights/a.json"))');
    expect(rewriteFile(`<script type="module">f("${B}x")</script>`, 'embed/a/index.html')).toBe(
      '<script type="module">f((new URL("../../",document.baseURI).pathname+"x"))</script>',
    );
  });

  it('rewrites a whole folder and fails on a placeholder it cannot rewrite', () => {
    const ok = site({ 'index.html': `<a href="${B}chapters/a/">a</a>`, 'chapters/a/index.html': `<img src="${B}x.png">`, 'x.png': 'png' });
    expect(makePortable(ok)).toBe(2);
    expect(readFileSync(join(ok, 'chapters/a/index.html'), 'utf8')).toBe('<img src="../../x.png">');
    const bad = site({ '_astro/a.js': `const p = base + ${JSON.stringify(`x${B}`)};` });
    expect(() => makePortable(bad)).toThrow(/placeholder base is left in _astro\/a.js/);
  });
});

describe('the SCORM 1.2 package', () => {
  const files = {
    'index.html': '<title>Home · scorefield</title>',
    'chapters/01-a/index.html': '<title>Scores &amp; Bayes · scorefield</title>',
    'chapters/02-b/index.html': '<title>Guidance · scorefield</title>',
    'embed/index.html': '<title>Builder</title>',
    'embed/guide/index.html': '<title>Guide</title>',
    'embed/score-field/index.html': '<title>Score-field explorer · scorefield</title>',
    '_astro/a.js': 'x',
    'weights/m.json': '{}',
  };

  it('zips the folder, and the SCORM zip has a valid manifest with one item per page an LMS launches', () => {
    const dir = site(files);
    const { zip, scorm } = writePackages(dir, join(tmp, 'out'));
    expect(Object.keys(unzipSync(readFileSync(zip))).sort()).toEqual(Object.keys(files).sort());
    const entries = unzipSync(readFileSync(scorm));
    const names = Object.keys(entries);
    expect(names[0]).toBe('imsmanifest.xml');
    const summary = checkManifest(new TextDecoder().decode(entries['imsmanifest.xml']), names);
    expect(summary.items).toEqual([
      { title: 'Home · scorefield', href: 'index.html' },
      { title: 'Scores & Bayes · scorefield', href: 'chapters/01-a/index.html' },
      { title: 'Guidance · scorefield', href: 'chapters/02-b/index.html' },
      { title: 'Score-field explorer · scorefield', href: 'embed/score-field/index.html' },
    ]);
    expect(summary.files.sort()).toEqual(Object.keys(files).sort());
  });

  it('the check rejects a manifest with a missing file, a dangling reference, a duplicate id or broken XML', () => {
    const pages = [{ href: 'index.html', title: 'Home' }];
    const good = scormManifest({ files: ['index.html', 'a.js'], pages, title: 'T' });
    expect(() => checkManifest(good, ['index.html', 'a.js'])).not.toThrow();
    expect(() => checkManifest(good, ['index.html'])).toThrow(/listed file a.js is not in the package/);
    expect(() => checkManifest(good, ['index.html', 'a.js', 'b.css'])).toThrow(/listed by no resource: b.css/);
    expect(() => checkManifest(good.replace('identifierref="res-01"', 'identifierref="res-99"'), ['index.html', 'a.js'])).toThrow(/refers to no resource/);
    expect(() => checkManifest(good.replace('identifier="item-01"', 'identifier="res-01"'), ['index.html', 'a.js'])).toThrow(/not unique: res-01/);
    expect(() => checkManifest(good.replace('<schemaversion>1.2', '<schemaversion>2004'), ['index.html', 'a.js'])).toThrow(/schemaversion/);
    expect(() => checkManifest(good.replace('</resources>', ''), ['index.html', 'a.js'])).toThrow(/XML/);
  });
});
