import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildScience } from '../../../scripts/build-science.mjs';

describe('lib/science as a package', () => {
  it('bundles to one dependency-free ESM file that runs the README examples, printing what the README shows', async () => {
    const pkg = join(mkdtempSync(join(tmpdir(), 'scorefield-pkg-')), 'node_modules', '@scorefield', 'science');
    mkdirSync(pkg, { recursive: true });
    await buildScience(pkg, { declarations: false });
    expect(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).exports['.'].import).toBe('./index.js');
    const bundle = readFileSync(join(pkg, 'index.js'), 'utf8');
    expect(bundle).not.toMatch(/\bfrom\s+["'](?!\.)/); // no imports of other packages
    const readme = readFileSync('lib/science/README.md', 'utf8');
    const examples = readdirSync('lib/science/examples');
    expect(examples).toHaveLength(3);
    for (const e of examples) {
      const file = join(pkg, '..', '..', '..', e);
      copyFileSync(join('lib/science/examples', e), file);
      const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
      expect(readme).toContain(
        readFileSync(join('lib/science/examples', e), 'utf8')
          .replace(/^\/\/.*\n/, '')
          .trim(),
      );
      expect(readme).toContain(out.trim());
    }
  });
});
