/**
 * The SCORM 1.2 package of a portable build (build/portable.mjs): imsmanifest.xml at the package's root, one
 * organization with an item per page worth launching (the landing page, each chapter, each widget's embed page),
 * one resource per item (webcontent, adlcp:scormtype="asset": the pages teach, they do not report scores, so they
 * never call the LMS's API) and one shared asset resource listing every other file, which each item depends on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './files.mjs';

export { listFiles };

export const MANIFEST = 'imsmanifest.xml';
export const SHARED_ID = 'res-shared';

/** The pages an LMS launches, in reading order: landing, chapters, widget embed pages. @param {string[]} files */
export function launchPages(files) {
  const chapters = files.filter((f) => /^chapters\/[^/]+\/index\.html$/.test(f));
  const embeds = files.filter((f) => /^embed\/[^/]+\/index\.html$/.test(f) && f !== 'embed/guide/index.html');
  return [...(files.includes('index.html') ? ['index.html'] : []), ...chapters, ...embeds];
}

const ENTITIES = /** @type {Record<string, string>} */ ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });

/** A page's <title> as text (HTML character references decoded; the manifest escapes it again). @param {string} html @param {string} fallback */
export function pageTitle(html, fallback) {
  const m = /<title>([^<]*)<\/title>/i.exec(html);
  const text = (m?.[1] ?? '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (ref, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? ref;
  });
  return text.trim() || fallback;
}

/** @param {string} s */
const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * imsmanifest.xml for these files (paths from the package root) with these launch pages and titles.
 * @param {{ files: string[], pages: { href: string, title: string }[], title: string, identifier?: string }} pkg
 */
export function scormManifest({ files, pages, title, identifier = 'scorefield' }) {
  const launched = new Set(pages.map((p) => p.href));
  const shared = files.filter((f) => !launched.has(f) && f !== MANIFEST);
  const id = (i) => `${i + 1}`.padStart(2, '0');
  const items = pages.map(
    (p, i) => `      <item identifier="item-${id(i)}" identifierref="res-${id(i)}" isvisible="true">\n        <title>${xml(p.title)}</title>\n      </item>`,
  );
  const resources = pages.map(
    (p, i) =>
      `    <resource identifier="res-${id(i)}" type="webcontent" adlcp:scormtype="asset" href="${xml(p.href)}">\n      <file href="${xml(p.href)}"/>\n      <dependency identifierref="${SHARED_ID}"/>\n    </resource>`,
  );
  const sharedFiles = shared.map((f) => `      <file href="${xml(f)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(identifier)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-${xml(identifier)}">
    <organization identifier="org-${xml(identifier)}">
      <title>${xml(title)}</title>
${items.join('\n')}
    </organization>
  </organizations>
  <resources>
${resources.join('\n')}
    <resource identifier="${SHARED_ID}" type="webcontent" adlcp:scormtype="asset">
${sharedFiles.join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/** The manifest of a built folder (titles from the pages). @param {string} dir @param {string} title */
export function manifestOf(dir, title = 'scorefield: classifier-free guidance') {
  const files = listFiles(dir).filter((f) => f !== MANIFEST);
  const pages = launchPages(files).map((href) => ({ href, title: pageTitle(readFileSync(join(dir, href), 'utf8'), href) }));
  return scormManifest({ files, pages, title });
}
