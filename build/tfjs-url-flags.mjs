/**
 * tfjs-core reads the page's query string when it loads (`Environment.populateURLFlags`): it decodes every parameter
 * with decodeURIComponent, so one malformed percent-escape (`?s=%`) throws a URIError and tfjs never loads, and it
 * obeys `?tfjsflags=DEBUG:true,WEBGL_…` from any link. The site's state lives in the query and is validated by
 * lib/state, so tfjs must not read it: this Vite plugin makes `populateURLFlags` return at once, in the page bundle
 * and in the workers'. The build fails if a tfjs update changes the code it patches.
 */

/** The files of @tensorflow/tfjs-core that define Environment (the ES module build Vite uses, and the bundles). */
const TFJS_ENVIRONMENT = /@tensorflow[\\/]tfjs-core[\\/]dist[\\/](environment\.js|tf-core(\.fesm|\.es2017)?\.js)$/;
const METHOD = 'populateURLFlags() {';
export const PATCH_MARK = '/* scorefield: no URL flags */';

/**
 * The module's code with URL flags disabled, or undefined for a module that is not tfjs-core's environment.
 * @param {string} code
 * @param {string} id
 * @returns {string | undefined}
 */
export function disableTfjsUrlFlags(code, id) {
  if (!TFJS_ENVIRONMENT.test(id.split('?')[0] ?? id)) return undefined;
  if (!code.includes(METHOD)) {
    if (id.endsWith('environment.js')) throw new Error(`tfjs-url-flags: ${id} no longer defines ${METHOD}; update build/tfjs-url-flags.mjs`);
    return undefined;
  }
  return code.replaceAll(METHOD, `${METHOD} ${PATCH_MARK} return;`);
}

/** The Vite plugin. @returns {import('vite').Plugin} */
export function tfjsUrlFlagsPlugin() {
  return {
    name: 'scorefield:tfjs-no-url-flags',
    enforce: 'pre',
    transform(code, id) {
      const out = disableTfjsUrlFlags(code, id);
      return out === undefined ? null : { code: out, map: null };
    },
  };
}

/**
 * The same patch for `astro dev`: Vite pre-bundles dependencies with esbuild, where Vite's transform hooks do not run.
 * @returns {import('esbuild').Plugin}
 */
export function tfjsUrlFlagsEsbuildPlugin() {
  return {
    name: 'scorefield:tfjs-no-url-flags',
    setup(build) {
      build.onLoad({ filter: TFJS_ENVIRONMENT }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const code = await readFile(args.path, 'utf8');
        return { contents: disableTfjsUrlFlags(code, args.path) ?? code, loader: 'js' };
      });
    },
  };
}
