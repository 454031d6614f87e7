/**
 * Numbered display equations across the chapters: parse <Equation id n> and <EqRef id> from the MDX
 * sources, build the site-wide index, and report every inconsistency (used at build time by the
 * components, which throw on any error, and by the unit tests).
 *
 * Scheme: each equation carries an explicit number n = "<chapter order>.<k>", k = 1, 2, … in order of
 * appearance within its chapter; ids are unique across the whole notebook.
 */
export interface ChapterSource {
  slug: string;
  order: number;
  source: string;
}

export interface EquationInfo {
  id: string;
  n: string;
  slug: string;
}

export interface EquationIndex {
  equations: EquationInfo[];
  byId: Map<string, EquationInfo>;
  errors: string[];
}

/** Remove fenced code blocks, inline code and MDX comments so that examples of the syntax are not read as equations. */
export function stripCode(src: string): string {
  return src
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/`[^`\n]*`/g, '');
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Equations of one chapter source, in order of appearance. */
export function extractEquations(source: string): { id?: string; n?: string }[] {
  const out: { id?: string; n?: string }[] = [];
  for (const m of stripCode(source).matchAll(/<Equation\b([^>]*)>/g)) {
    const a = m[1]!;
    const id = attr(a, 'id');
    const n = attr(a, 'n');
    out.push({ ...(id !== undefined ? { id } : {}), ...(n !== undefined ? { n } : {}) });
  }
  return out;
}

/** Ids referenced by <EqRef id="…"/> in one chapter source. */
export function extractEqRefs(source: string): string[] {
  return [...stripCode(source).matchAll(/<EqRef\b([^>]*)\/?>/g)].map((m) => attr(m[1]!, 'id') ?? '');
}

export function buildEquationIndex(chapters: readonly ChapterSource[]): EquationIndex {
  const errors: string[] = [];
  const equations: EquationInfo[] = [];
  const byId = new Map<string, EquationInfo>();
  const byN = new Map<string, EquationInfo>();
  const sorted = [...chapters].sort((a, b) => a.order - b.order);
  for (const ch of sorted) {
    let k = 0;
    for (const eq of extractEquations(ch.source)) {
      k += 1;
      const expected = `${ch.order}.${k}`;
      if (!eq.id) {
        errors.push(`${ch.slug}: equation ${expected} has no id`);
        continue;
      }
      if (!/^[a-z0-9][a-z0-9-]*$/.test(eq.id)) errors.push(`${ch.slug}: equation id "${eq.id}" must be lower-case letters, digits and dashes`);
      if (eq.n !== expected) errors.push(`${ch.slug}: equation "${eq.id}" is numbered ${eq.n ?? '(none)'}, expected ${expected}`);
      const info: EquationInfo = { id: eq.id, n: eq.n ?? expected, slug: ch.slug };
      const prev = byId.get(eq.id);
      if (prev) errors.push(`${ch.slug}: equation id "${eq.id}" already used in ${prev.slug}`);
      const prevN = byN.get(info.n);
      if (prevN && prevN !== prev) errors.push(`${ch.slug}: equation number ${info.n} already used by "${prevN.id}"`);
      byId.set(eq.id, info);
      byN.set(info.n, info);
      equations.push(info);
    }
  }
  for (const ch of sorted) {
    for (const ref of extractEqRefs(ch.source)) {
      if (!byId.has(ref)) errors.push(`${ch.slug}: <EqRef id="${ref}"/> refers to no equation`);
    }
  }
  return { equations, byId, errors };
}

/** Order of a chapter from its file name ("03-classifier-free-guidance" → 3), or from its frontmatter. */
export function chapterOrder(slug: string, source: string): number {
  const fm = /^---\n([\s\S]*?)\n---/.exec(source);
  const m = fm ? /^order:\s*(\d+)/m.exec(fm[1]!) : null;
  if (m) return Number(m[1]);
  const p = /^(\d+)-/.exec(slug);
  return p ? Number(p[1]) : 0;
}
