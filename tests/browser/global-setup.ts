import { buildSite, startPreview } from './support/server';

/** Builds the site (skip with SKIP_BUILD=1 to reuse dist/), serves it, and exposes its URL as SCOREFIELD_URL. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.SKIP_BUILD !== '1') buildSite();
  const { url, stop } = await startPreview();
  process.env.SCOREFIELD_URL = url;
  return stop;
}
