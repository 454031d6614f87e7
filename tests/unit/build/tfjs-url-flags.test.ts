import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { PATCH_MARK, disableTfjsUrlFlags, tfjsUrlFlagsEsbuildPlugin } from '../../../build/tfjs-url-flags.mjs';

const require = createRequire(import.meta.url);
const tfjsDist = dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
const envFile = join(tfjsDist, 'dist', 'environment.js');

/** What environment.js imports (a logger, isPromise), for evaluating it alone. */
const STUBS = '\nconst log = { warn() {} };\nfunction isPromise() { return false; }\n';

/** Evaluates the patched Environment class against a fake global whose query string is `search`. */
async function environmentWith(code: string, search: string) {
  const url = `data:text/javascript;base64,${Buffer.from(code.replace(/^import .*$/gm, '') + STUBS).toString('base64')}`;
  const mod = (await import(/* @vite-ignore */ url)) as { Environment: new (g: unknown) => { urlFlags: Record<string, unknown> } };
  return new mod.Environment({ location: { search } });
}

describe('tfjs never reads the page URL (issue #16, items 1 and 2)', () => {
  const original = readFileSync(envFile, 'utf8');
  const patched = disableTfjsUrlFlags(original, envFile)!;

  it('unpatched tfjs throws on a malformed percent-escape and obeys tfjsflags (the bug)', async () => {
    await expect(environmentWith(original, '?s=%ED%A0%80')).rejects.toThrow(URIError);
    expect((await environmentWith(original, '?tfjsflags=DEBUG:true')).urlFlags).toEqual({ DEBUG: true });
  });

  it('patched: no error and no flags, whatever the query', async () => {
    expect(patched).toContain(PATCH_MARK);
    for (const q of ['?s=%ED%A0%80', '?s=%', '?%=%%', '?tfjsflags=DEBUG:true,WEBGL_VERSION:1', '?tfjsflags=%'])
      expect((await environmentWith(patched, q)).urlFlags).toEqual({});
  });

  it('leaves other modules alone and refuses to build if tfjs changed the patched method', () => {
    expect(disableTfjsUrlFlags('populateURLFlags() {}', '/x/node_modules/d3/dist/d3.js')).toBeUndefined();
    expect(() => disableTfjsUrlFlags('class Environment {}', envFile)).toThrow(/no longer defines populateURLFlags/);
  });

  it('astro dev: the dependency pre-bundle (esbuild) is patched too', async () => {
    const out = await build({
      entryPoints: [join(tfjsDist, 'dist', 'index.js')],
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
      plugins: [tfjsUrlFlagsEsbuildPlugin()],
    });
    const code = out.outputFiles[0]!.text;
    // esbuild drops the comment: every definition of the method returns at once
    const definitions = code.match(/populateURLFlags\(\) \{/g) ?? [];
    expect(definitions.length).toBeGreaterThan(0);
    expect(code.match(/populateURLFlags\(\) \{\s*return;/g)).toHaveLength(definitions.length);
  });
});
