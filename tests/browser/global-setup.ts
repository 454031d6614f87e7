import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { writePackages } from '../../scripts/package.mjs';
import { buildSite, startPreview } from './support/server';
import { serveFiles } from './support/static-server';

/** The sub-path the portable build is served from in the tests: one it was not built for. */
export const PACKAGE_PREFIX = '/lms/course-42/scorefield/';

/**
 * Builds the site and the portable build (skip both with SKIP_BUILD=1 to reuse dist/ and dist-portable/), serves the
 * site (SCOREFIELD_URL), packages the portable build as `npm run package` does and serves the SCORM zip's files from
 * PACKAGE_PREFIX (SCOREFIELD_PACKAGE_URL; the zip's path in SCOREFIELD_SCORM_ZIP).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.SKIP_BUILD !== '1') {
    buildSite();
    buildSite({ portable: true });
  }
  const preview = await startPreview();
  process.env.SCOREFIELD_URL = preview.url;
  const { scorm } = writePackages();
  process.env.SCOREFIELD_SCORM_ZIP = scorm;
  const lms = await serveFiles(unzipSync(readFileSync(scorm)), PACKAGE_PREFIX);
  process.env.SCOREFIELD_PACKAGE_URL = lms.url;
  return async () => {
    await lms.stop();
    await preview.stop();
  };
}
