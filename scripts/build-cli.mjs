// Bundles the command line (cli/ and the lib/ it imports) into bin/cli.bundle.mjs with esbuild, so that
// `scorefield` starts without compiling TypeScript. Packages are bundled too
// (tfjs-core's ESM files import without extensions, which Node's resolver refuses); the wasm files stay in node_modules.
// Run by `npm run build:cli`, by the `prepare` script (npm install / npm ci), and by bin/scorefield.mjs when the
// bundle is missing or older than a source file.
import { renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds bin/cli.bundle.mjs (written to a temporary file first, so concurrent runs never read half a bundle). */
export async function buildCli() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['cli/entry.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // tfjs (bundled: its ESM files use extensionless imports Node cannot resolve) expects CommonJS globals.
    banner: {
      js: [
        "import { createRequire as __sfRequire } from 'node:module';",
        "import { fileURLToPath as __sfPath } from 'node:url';",
        'const require = __sfRequire(import.meta.url);',
        'const __filename = __sfPath(import.meta.url);',
        "const __dirname = __sfPath(new URL('.', import.meta.url));",
      ].join(' '),
    },
    // A native module: loaded from node_modules at run time (plot --format png only).
    external: ['@resvg/resvg-js'],
    outfile: 'bin/cli.bundle.mjs',
    write: false,
    logLevel: 'warning',
  });
  const out = `${root}bin/cli.bundle.mjs`;
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, out);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
  } catch (e) {
    // `prepare` must not fail an install: bin/scorefield.mjs retries, or compiles on the fly through tsx.
    process.stderr.write(`scorefield: bundling the command line failed (${e.message}); npx scorefield will compile it on the fly\n`);
  }
}
