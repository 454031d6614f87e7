// `npm run package`: the portable build (PORTABLE=1 astro build → dist-portable/, relative URLs: works under any
// path), then in dist-package/ a zip of that folder (scorefield.zip) and a SCORM 1.2 package
// (scorefield-scorm12.zip: the same files plus imsmanifest.xml at its root) that an LMS imports and serves itself.
// --skip-build packages the dist-portable/ already there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { listFiles, MANIFEST, manifestOf } from '../build/scorm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PORTABLE_DIR = join(root, 'dist-portable');
export const PACKAGE_DIR = join(root, 'dist-package');

/** Zips the portable build, with and without the SCORM manifest; returns the two zip paths. */
export function writePackages(dir = PORTABLE_DIR, out = PACKAGE_DIR) {
  mkdirSync(out, { recursive: true });
  /** @type {Record<string, Uint8Array>} */
  const entries = {};
  for (const f of listFiles(dir)) if (f !== MANIFEST) entries[`${f}`] = readFileSync(join(dir, f));
  const zip = join(out, 'scorefield.zip');
  const scorm = join(out, 'scorefield-scorm12.zip');
  writeFileSync(zip, zipSync(entries, { level: 6 }));
  writeFileSync(scorm, zipSync({ [MANIFEST]: new TextEncoder().encode(manifestOf(dir)), ...entries }, { level: 6 }));
  return { zip, scorm };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--skip-build')) {
    execFileSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORTABLE: '1' } });
  }
  const { zip, scorm } = writePackages();
  console.log(`package: ${zip}\npackage: ${scorm}`);
}
