#!/usr/bin/env node
// `npx scorefield …`: runs the bundled command line (bin/cli.bundle.mjs, built by scripts/build-cli.mjs at
// `npm install`/`npm ci` and rebuilt here when a source file of cli/ or lib/ is newer), which starts in about
// 0.1 s. Without esbuild or a writable checkout it falls back to compiling cli/ on the fly through tsx.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}bin/cli.bundle.mjs`;

/** The newest modification time of the .ts files under the given folders. */
function newestSource(dirs) {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(`${dir}/${e.name}`).mtimeMs);
    }
  };
  for (const d of dirs) walk(`${root}${d}`);
  return newest;
}

function bundleIsFresh() {
  try {
    const manifests = ['package.json', 'package-lock.json'].map((f) => statSync(`${root}${f}`, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return statSync(bundle).mtimeMs >= Math.max(newestSource(['cli', 'lib']), ...manifests);
  } catch {
    return false;
  }
}

let ready = bundleIsFresh();
if (!ready && !process.env.SCOREFIELD_NO_BUNDLE) {
  try {
    await (await import('../scripts/build-cli.mjs')).buildCli();
    ready = true;
  } catch (e) {
    process.stderr.write(`scorefield: could not bundle the command line (${e.message}); compiling it on the fly instead\n`);
  }
}
if (ready && !process.env.SCOREFIELD_NO_BUNDLE) await import('./cli.bundle.mjs');
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/entry.ts');
}
