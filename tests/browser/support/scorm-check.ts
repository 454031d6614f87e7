import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';

export const IMSCP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
export const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

/** What a manifest says, for assertions: launch items (title, href) in order, and every file it lists. */
export interface ManifestSummary {
  items: { title: string; href: string }[];
  files: string[];
}

/**
 * Parses a SCORM 1.2 imsmanifest.xml with a real XML parser and checks it against the package's files; throws with
 * every problem found. Checks: well-formed XML, the IMS CP namespace, schema "ADL SCORM" version 1.2, a default
 * organization that exists, items whose identifierref names a resource, identifiers unique, webcontent resources
 * with an adlcp:scormtype of sco or asset, every href and file href present in the package, every file of the
 * package (but the manifest) listed exactly once, every dependency naming a resource.
 */
export function checkManifest(text: string, packageFiles: readonly string[]): ManifestSummary {
  const problems: string[] = [];
  let doc: XmlDocument;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problems.push(`XML ${level}: ${msg}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new Error(`XML not well-formed: ${(e as Error).message}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  const root = doc.documentElement;
  if (!root) throw new Error('no root element');
  if (root.localName !== 'manifest' || root.namespaceURI !== IMSCP) throw new Error('the root is not an IMS CP <manifest>');
  const all = (parent: XmlElement | XmlDocument, name: string, ns = IMSCP) => [...parent.getElementsByTagNameNS(ns, name)] as XmlElement[];
  const text1 = (parent: XmlElement, name: string) => all(parent, name)[0]?.textContent?.trim() ?? '';
  const metadata = all(root, 'metadata')[0];
  if (!metadata || text1(metadata, 'schema') !== 'ADL SCORM') problems.push('metadata/schema is not "ADL SCORM"');
  if (!metadata || text1(metadata, 'schemaversion') !== '1.2') problems.push('metadata/schemaversion is not 1.2');

  const ids = [root, ...all(root, 'organization'), ...all(root, 'item'), ...all(root, 'resource')].map((e) => e.getAttribute('identifier') ?? '');
  for (const id of ids) if (!/^[A-Za-z_][\w.-]*$/.test(id)) problems.push(`bad identifier "${id}"`);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) problems.push(`identifiers not unique: ${[...new Set(dupes)].join(', ')}`);

  const resources = new Map(all(root, 'resource').map((r) => [r.getAttribute('identifier') ?? '', r]));
  const orgs = all(root, 'organizations')[0];
  const orgIds = all(root, 'organization').map((o) => o.getAttribute('identifier'));
  if (!orgs || !orgIds.includes(orgs.getAttribute('default'))) problems.push('organizations/@default names no organization');

  const inPackage = new Set(packageFiles);
  const items = all(root, 'item').map((item) => {
    const ref = item.getAttribute('identifierref') ?? '';
    const res = resources.get(ref);
    if (!res) problems.push(`item ${item.getAttribute('identifier')} refers to no resource (${ref})`);
    return { title: text1(item, 'title'), href: res?.getAttribute('href') ?? '' };
  });
  if (items.length === 0) problems.push('no items');
  const referenced = new Set(all(root, 'item').map((i) => i.getAttribute('identifierref')));
  const files: string[] = [];
  for (const [id, res] of resources) {
    if (res.getAttribute('type') !== 'webcontent') problems.push(`resource ${id} is not webcontent`);
    const kind = res.getAttributeNS(ADLCP, 'scormtype');
    if (kind !== 'sco' && kind !== 'asset') problems.push(`resource ${id} has adlcp:scormtype "${kind}"`);
    const href = res.getAttribute('href');
    if (href !== null && !inPackage.has(href)) problems.push(`resource ${id} launches ${href}, not in the package`);
    for (const f of all(res, 'file')) files.push(f.getAttribute('href') ?? '');
    for (const d of all(res, 'dependency')) {
      const to = d.getAttribute('identifierref') ?? '';
      if (!resources.has(to)) problems.push(`resource ${id} depends on no resource (${to})`);
      referenced.add(to);
    }
  }
  for (const id of resources.keys()) if (!referenced.has(id)) problems.push(`resource ${id} is referenced by nothing`);
  for (const f of files) if (!inPackage.has(f)) problems.push(`listed file ${f} is not in the package`);
  const listedTwice = files.filter((f, i) => files.indexOf(f) !== i);
  if (listedTwice.length) problems.push(`files listed twice: ${listedTwice.slice(0, 5).join(', ')}`);
  const listed = new Set(files);
  const unlisted = packageFiles.filter((f) => f !== 'imsmanifest.xml' && !listed.has(f));
  if (unlisted.length) problems.push(`files of the package listed by no resource: ${unlisted.slice(0, 5).join(', ')}`);
  if (problems.length) throw new Error(problems.join('\n'));
  return { items, files };
}
