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
    const r = await cli('train', '--world', 'minor-mode', '--conditioning', 'cross-attention', '--p-uncond', '0.2', '--steps', '12', '--seed', '7', '--batch-size', '32', '--quiet', '--out', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const w = parseWeights(readFileSync(file, 'utf8'));
    expect(w.world.name).toBe('minor-mode');
    expect(w.architecture.conditioning).toBe('cross-attention');
    expect(w.training).toMatchObject({ pUncond: 0.2, steps: 12, seed: 7, batchSize: 32, backend: 'wasm' });
  });

  it('evaluate prints the quality table and writes markdown', async () => {
    const md = join(dir, 'q.md');
    const r = await cli('evaluate', '--weights', file, '--n', '40', '--steps', '4', '--quiet', '--markdown', md);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.models[0].slicedWasserstein.map((x: { s: number }) => x.s)).toEqual([0, 1, 3, 7.5]);
    expect(j.models[0].epsRmse).toHaveLength(4);
    for (const row of j.models[0].slicedWasserstein) expect(row.floor).toBeGreaterThan(0);
    expect(readFileSync(md, 'utf8')).toMatch(/\| s \| SW learned vs exact \| SW floor/);
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
