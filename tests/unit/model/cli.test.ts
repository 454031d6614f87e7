import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { parseWeights, type LoadedWeights } from '../../../lib/model/weights';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** `scorefield train … --out FILE`, which must succeed silently; the file it wrote, parsed. */
async function train(out: string, ...argv: string[]): Promise<LoadedWeights> {
  const r = await cli('train', ...argv, '--out', out);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return parseWeights(readFileSync(out, 'utf8'));
}

/** The largest |difference| between two weight files' values, over every tensor. */
function largestChange(a: LoadedWeights, b: LoadedWeights): number {
  return Math.max(...[...a.values].map(([k, v]) => Math.max(...v.map((x, i) => Math.abs(x - b.values.get(k)![i]!)))));
}

describe('scorefield train / evaluate / --denoiser learned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorefield-model-'));
  const file = join(dir, 'w.json');

  it('train writes a valid weight file with the asked settings', async () => {
    const args = ['--world', 'minor-mode', '--conditioning', 'cross-attention', '--p-uncond', '0.2', '--steps', '12', '--seed', '7'];
    const w = await train(file, ...args, '--batch-size', '32', '--tail-weight', '2.5', '--quiet');
    expect(w.world.name).toBe('minor-mode');
    expect(w.architecture.conditioning).toBe('cross-attention');
    expect(w.training).toMatchObject({ pUncond: 0.2, dropout: 'sampled', steps: 12, seed: 7, batchSize: 32, backend: 'wasm', tailWeight: 2.5 });
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

  it('train --init continues from a weight file: its weights are the start, its record is kept, steps add up', async () => {
    const start = parseWeights(readFileSync(file, 'utf8'));
    const next = join(dir, 'continued.json');
    const arch = ['--conditioning', 'cross-attention', '--p-uncond', '0.2', '--batch-size', '32', '--quiet'];
    // one step at a learning rate too small to move the weights: the result is the file it started from
    const tiny = ['--steps', '1', '--lr', '0.000001', '--ema', '0', '--seed', '3'];
    const w = await train(next, '--world', 'minor-mode', ...arch, '--init', file, ...tiny);
    expect(w.training).toMatchObject({ steps: 13, seed: 3, lr: 0.000001, previous: { steps: 12, seed: 7, lr: 0.002 } });
    expect(largestChange(start, w)).toBeLessThan(1e-4);
    // a fresh network from --seed 3 is not that close
    const fresh = await train(join(dir, 'fresh.json'), '--world', 'minor-mode', ...arch, ...tiny);
    expect(largestChange(start, fresh)).toBeGreaterThan(0.01);
    // a chain of two continuations keeps both records
    const third = await train(join(dir, 'third.json'), '--world', 'minor-mode', ...arch, '--init', next, '--steps', '2');
    expect(third.training).toMatchObject({ steps: 15, previous: { steps: 13, previous: { steps: 12 } } });
  });

  it('train --init refuses a file of another network or world, naming what differs', async () => {
    const other = await cli('train', '--world', 'minor-mode', '--init', file, '--steps', '1', '--blocks', '2', '--quiet');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/--init .* holds another network: conditioning "cross-attention" \(--conditioning gives "add"\), blocks 3 \(--blocks gives 2\)/);
    const world = await cli('train', '--world', 'two-gaussians', '--conditioning', 'cross-attention', '--init', file, '--steps', '1', '--quiet');
    expect(world.code).toBe(2);
    expect(world.err).toMatch(/--init .*trained on world "minor-mode"/);
    // an ε-prediction file (its architecture names no schedule) continues under its own schedule, not another
    const eps = ['--world', 'minor-mode', '--parameterization', 'eps', '--noise', 'uniform', '--steps', '2', '--batch-size', '8', '--quiet'];
    const epsFile = join(dir, 'eps.json');
    await train(epsFile, ...eps);
    expect((await train(join(dir, 'eps2.json'), ...eps, '--init', epsFile)).training.steps).toBe(4);
    const cosine = await cli('train', ...eps, '--init', epsFile, '--schedule', 'cosine');
    expect(cosine.code).toBe(2);
    expect(cosine.err).toMatch(/trained with the linear schedule, T = 1000 \(--schedule gives cosine/);
    const missing = await cli('train', '--world', 'minor-mode', '--init', join(dir, 'nope.json'), '--steps', '1');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--init: cannot read/);
  });

  it('a weight file whose previous record does not add up is refused', async () => {
    const w = JSON.parse(readFileSync(join(dir, 'continued.json'), 'utf8'));
    w.training.previous.steps = 13;
    expect(() => parseWeights(JSON.stringify(w))).toThrow(/training\.previous\.steps must be below training\.steps/);
    w.training.previous = { steps: 3 };
    expect(() => parseWeights(JSON.stringify(w))).toThrow(/training\.previous\.pUncond must be a number/);
  });

  it('average writes the mean of runs of one network, keeps their records, and refuses what is not one network', async () => {
    const runs = ['continued.json', 'fresh.json', 'third.json'].map((f) => join(dir, f));
    const [a, b, c] = runs.map((f) => parseWeights(readFileSync(f, 'utf8'))) as [LoadedWeights, LoadedWeights, LoadedWeights];
    const out = join(dir, 'soup.json');
    const r = await cli('average', '--weights', runs.join(','), '--out', out);
    expect(r.code).toBe(0);
    const soup = parseWeights(readFileSync(out, 'utf8'));
    for (const [k, v] of soup.values) {
      v.forEach((x, i) => expect(x).toBeCloseTo((a.values.get(k)![i]! + b.values.get(k)![i]! + c.values.get(k)![i]!) / 3, 6));
    }
    expect(soup.training).toMatchObject({
      steps: 13,
      seed: 3,
      averagedWith: [
        { steps: 1, seed: 3, lr: 0.000001 },
        { steps: 15, previous: { steps: 13 } },
      ],
    });
    expect(largestChange(soup, a)).toBeGreaterThan(1e-3);
    // evaluate's table says what the file is: the mean of this run and the others, with their steps
    const md = join(dir, 'soup.md');
    expect((await cli('evaluate', '--weights', out, '--n', '20', '--steps', '2', '--quiet', '--markdown', md)).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('13 steps (the mean of this run and 2 others of 1, 15 steps), final loss');
    // another network, an average of averages, one file: refused with what differs
    const other = await cli('average', '--weights', `${runs[0]},${join(dir, 'eps.json')}`);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(
      /eps\.json differs from .*continued\.json: architecture\.conditioning "add", architecture\.parameterization absent, .*, pUncond 0\.1\n/,
    );
    const nested = await cli('average', '--weights', `${out},${runs[1]}`);
    expect(nested.err).toMatch(/soup\.json is itself an average/);
    expect((await cli('average', '--weights', runs[0]!)).err).toMatch(/--weights must name 2–16 weight files/);
    // a file whose averaged record is malformed or has another condition dropout is refused when read
    const w = JSON.parse(readFileSync(out, 'utf8'));
    w.training.averagedWith[1].pUncond = 0.3;
    expect(() => parseWeights(JSON.stringify(w))).toThrow(/training\.averagedWith\[1\] has another condition dropout/);
    w.training.averagedWith = [];
    expect(() => parseWeights(JSON.stringify(w))).toThrow(/training\.averagedWith must list 1–15 training records/);
    // a crafted file nesting averages deeper than any real one is refused by name, not by a stack overflow
    w.training.averagedWith = 'DEEP';
    const deep = `${JSON.stringify(a.training).slice(0, -1)},"averagedWith":[`.repeat(4000) + JSON.stringify(a.training) + ']}'.repeat(4000);
    expect(() => parseWeights(JSON.stringify(w).replace('"DEEP"', `[${deep}]`))).toThrow(
      /more than 16 nested training records, at training\.averagedWith\[0\]\.averagedWith/,
    );
    w.training.averagedWith = [{ steps: 1 }];
    expect(() => parseWeights(JSON.stringify(w))).toThrow(/training\.averagedWith\[0\]\.pUncond must be a number/);
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
    // --repeats: every SW row lists the ratio of each repeat, the header names the seeds
    const rep = await cli('evaluate', '--weights', file, '--n', '30', '--steps', '4', '--seed', '5', '--repeats', '2', '--quiet', '--markdown', md);
    expect(rep.code).toBe(0);
    for (const row of JSON.parse(rep.out).models[0].slicedWasserstein) expect(row.ratios).toHaveLength(2);
    expect(readFileSync(md, 'utf8')).toMatch(/2 repeats with seeds 5, 100005/);
    expect(readFileSync(md, 'utf8')).toMatch(/^\| 7\.5 \| [\d.]+ \| [\d.]+ \| [\d.]+× \| [\d.]+×, [\d.]+× \| [\d.]+ \/ [\d.]+ \|$/m);
    // the ratio of each class, named in the header (minor-mode's classes a and b)
    expect(readFileSync(md, 'utf8')).toMatch(/\| ratio of each repeat \| ratio by class \(a \/ b\) \|/);
    for (const row of JSON.parse(rep.out).models[0].slicedWasserstein) expect(row.byClass).toHaveLength(2);
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
