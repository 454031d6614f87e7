import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { parseWeights } from '../../../lib/model/weights';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('scorefield train / evaluate / --denoiser learned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorefield-model-'));
  const file = join(dir, 'w.json');

  it('train writes a valid weight file with the asked settings', async () => {
    const r = await cli(
      'train',
      '--world',
      'minor-mode',
      '--conditioning',
      'cross-attention',
      '--p-uncond',
      '0.2',
      '--steps',
      '12',
      '--seed',
      '7',
      '--batch-size',
      '32',
      '--quiet',
      '--out',
      file,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const w = parseWeights(readFileSync(file, 'utf8'));
    expect(w.world.name).toBe('minor-mode');
    expect(w.architecture.conditioning).toBe('cross-attention');
    expect(w.training).toMatchObject({ pUncond: 0.2, dropout: 'sampled', steps: 12, seed: 7, batchSize: 32, backend: 'wasm' });
  });

  it("train --dropout expected records the mode; an unknown mode is refused with the flag's name", async () => {
    const f2 = join(dir, 'expected.json');
    const r = await cli('train', '--world', 'two-gaussians', '--dropout', 'expected', '--steps', '3', '--batch-size', '8', '--quiet', '--out', f2);
    expect(r.code).toBe(0);
    expect(parseWeights(readFileSync(f2, 'utf8')).training).toMatchObject({ dropout: 'expected', pUncond: 0.1, steps: 3 });
    const bad = await cli('train', '--world', 'two-gaussians', '--dropout', 'sometimes', '--steps', '3');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--dropout/);
  });

  it('evaluate prints the quality table and writes markdown', async () => {
    const md = join(dir, 'q.md');
    const r = await cli('evaluate', '--weights', file, '--n', '40', '--steps', '4', '--quiet', '--markdown', md);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.models[0].slicedWasserstein.map((x: { s: number }) => x.s)).toEqual([0, 1, 3, 7.5]);
    expect(j.models[0].epsRmse).toHaveLength(4);
    // 4 DDIM steps (t = 999, 749, 499, 249): no step in 0–99, whose error is unknown (null in JSON, – in markdown)
    expect(j.models[0].guidedPath.map((b: { band: { lo: number }; steps: number }) => [b.band.lo, b.steps])).toEqual([
      [0, 0],
      [100, 1],
      [300, 1],
      [600, 2],
    ]);
    expect(j.models[0].guidedPath[0].rmseDiff).toBeNull();
    for (const b of j.models[0].guidedPath.slice(1)) expect(b.rmseDiff).toBeGreaterThan(0); // a 12-step model is far from exact
    for (const row of j.models[0].slicedWasserstein) expect(row.floor).toBeGreaterThan(0);
    expect(readFileSync(md, 'utf8')).toMatch(/\| s \| SW learned vs exact \| SW floor/);
    expect(readFileSync(md, 'utf8')).toMatch(/ε_y − ε_∅ error on guided paths \(s = 7\.5\)/);
    // an existing document keeps the other models' sections and the notes; the evaluated model's section is replaced
    const other = '### zzz-world, add, p_uncond = 0.1\n\n`public/weights/zzz.json`: kept as it was.\n';
    const notes = '## Notes (by hand)\n\nKept too.\n';
    const stale = readFileSync(md, 'utf8').replace(/final loss [\d.]+/, 'final loss 9.9999');
    writeFileSync(md, `${stale}\n${other}\n${notes}`);
    expect((await cli('evaluate', '--weights', file, '--n', '30', '--steps', '4', '--quiet', '--markdown', md)).code).toBe(0);
    const doc = readFileSync(md, 'utf8');
    expect(doc).toContain(other.trim());
    expect(doc.endsWith(notes)).toBe(true);
    expect(doc).not.toContain('final loss 9.9999');
    expect(doc.match(/^### /gm)).toHaveLength(2);
    expect(doc).toMatch(/between 30 learned/);
  });

  it('sample and field run on --denoiser learned --weights FILE', async () => {
    const s = await cli('sample', '--world', 'minor-mode', '--class', 'a', '--s', '3', '--n', '20', '--steps', '5', '--denoiser', 'learned', '--weights', file);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ denoiser: 'learned', n: 20 });
    const f = await cli('field', '--world', 'minor-mode', '--class', '1', '--s', '2', '--t', '300', '--grid', '4', '--denoiser', 'learned', '--weights', file);
    expect(f.code).toBe(0);
  });

  it('refuses a weight file of another world or a corrupted one, with the reason', async () => {
    const r = await cli('sample', '--world', 'two-gaussians', '--class', '0', '--s', '1', '--n', '5', '--denoiser', 'learned', '--weights', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/trained on world "minor-mode", expected world "two-gaussians"/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, readFileSync(file, 'utf8').slice(0, 500));
    const r2 = await cli('evaluate', '--weights', bad);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/not valid JSON \(truncated or corrupted\?\)/);
  });
});
