import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The one-way rules of docs/ARCHITECTURE.md, checked on the import statements of the tree. */
const root = resolve(import.meta.dirname, '../../..');

/** Relative imports of a file (static, dynamic, type-only), resolved to files of the tree. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), m[1]!);
    const hit = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

/** Every file reachable from `entry` through relative imports. */
function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [resolve(root, entry)];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (f.endsWith('.ts')) todo.push(...importsOf(f));
  }
  return seen;
}

function filesUnder(dir: string, ext = /\.(ts|astro)$/): string[] {
  const out: string[] = [];
  for (const name of readdirSync(resolve(root, dir))) {
    const full = resolve(root, dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(relative(root, full), ext));
    else if (ext.test(name)) out.push(full);
  }
  return out;
}

const rel = (f: string) => relative(root, f);

describe('architecture: one-way imports', () => {
  it("the sweep worker's module graph has no document listener and no page module", () => {
    const files = [...graph('components/widgets/guidance-sweep/sweep.worker.ts')].map(rel);
    expect(files).toContain('components/widgets/shared/resolve-denoiser.ts');
    expect(files).toContain('components/widgets/shared/exact-denoiser.ts');
    for (const f of files) {
      expect(readFileSync(resolve(root, f), 'utf8'), f).not.toMatch(/\bdocument\.|\bwindow\./);
      expect(f).not.toMatch(/shared\/(denoisers|learned|reader-model|widget-element|page-state)\.ts$/);
    }
  });

  it('no import cycle among the shared widget modules', () => {
    const shared = filesUnder('components/widgets/shared', /\.ts$/);
    for (const start of shared) {
      const reach = new Set<string>();
      const todo = importsOf(start);
      while (todo.length) {
        const f = todo.pop()!;
        if (reach.has(f) || !f.includes('/widgets/shared/')) continue;
        reach.add(f);
        todo.push(...importsOf(f));
      }
      expect(reach.has(start), `${rel(start)} imports itself through ${[...reach].map(rel).join(', ')}`).toBe(false);
    }
  });

  it("no widget imports another widget's folder", () => {
    for (const f of filesUnder('components/widgets')) {
      const own = rel(f).split('/')[2]!;
      if (own === 'shared' || !statSync(resolve(root, 'components/widgets', own)).isDirectory()) continue;
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/['"]\.\.\/([a-z-]+)\//g)) expect(m[1], `${rel(f)} imports ../${m[1]}/`).toBe('shared');
    }
  });

  it('lib/ imports nothing from components/, site/ or cli/, and uses no Vite-only import', () => {
    for (const f of filesUnder('lib', /\.ts$/)) {
      for (const dep of importsOf(f)) expect(rel(dep), rel(f)).toMatch(/^lib\//);
      expect(readFileSync(f, 'utf8'), rel(f)).not.toMatch(/import\.meta\.glob|\?raw['"]/);
    }
  });
});
