// Builds lib/science as its own package (@scorefield/science) in lib/science/dist/: index.js (one ESM file, no
// dependencies, browser and Node), .d.ts declarations (tsc) whose relative imports get their .js extension so that
// TypeScript's node16/bundler resolution finds them, package.json (from lib/science/package.dist.json: not named
// package.json in lib/science, where it would change how the site and the tests resolve '../lib/science') and the
// README. `npm run build:science`, then `npm publish lib/science/dist`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const science = join(root, 'lib/science');

/** Builds into outDir (default lib/science/dist); declarations: false skips tsc (the slow part) for quick checks. */
export async function buildScience(outDir = join(science, 'dist'), { declarations = true } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['lib/science/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    sourcemap: true,
    outfile: join(outDir, 'index.js'),
    logLevel: 'warning',
  });
  copyFileSync(join(science, 'package.dist.json'), join(outDir, 'package.json'));
  copyFileSync(join(science, 'README.md'), join(outDir, 'README.md'));
  if (!declarations) return outDir;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(science, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
  for (const f of readdirSync(outDir)) {
    if (!f.endsWith('.d.ts')) continue;
    const p = join(outDir, f);
    writeFileSync(
      p,
      readFileSync(p, 'utf8')
        .replace(/(from\s+'\.\/[^'.]+)'/g, "$1.js'")
        .replace(/(import\('\.\/[^'.]+)'\)/g, "$1.js')"),
    );
  }
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildScience(process.argv[2]);
