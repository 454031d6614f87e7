import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli';
import { getBuiltinWorld, karrasTimesteps, makeSchedule } from '../../../lib/science';

const dir = mkdtempSync(join(tmpdir(), 'scorefield-research-'));

/** ᾱ_t of the linear schedule, by hand. */
function alphaBar(t: number): number {
  let p = 1;
  for (let i = 0; i <= t; i++) p *= 1 - (1e-4 + ((0.02 - 1e-4) * i) / 999);
  return p;
}

const tg = ['--world', 'two-gaussians', '--class', 'minus'];

describe('tilted', () => {
  it('s = 1 is the class itself: moments √ᾱ μ and ᾱ Σ + (1−ᾱ) I; a list of s and t gives one density each; CSV table', async () => {
    const r = await cli('tilted', ...tg, '--s', '1', '--t', '0,300', '--grid', '128', '--extent', '-7,5,-6,6');
    expect(r.code).toBe(0);
    expect(r.json.densities).toHaveLength(2);
    for (const d of r.json.densities) {
      const a = alphaBar(d.t);
      expect(d.mean[0]).toBeCloseTo(-Math.sqrt(a), 5);
      expect(d.mean[1]).toBeCloseTo(0, 8);
      // midpoint rule on a 12/128 grid: the variance is exact up to h²/12 ≈ 7e-4
      expect(Math.abs(d.cov[0] - (0.5 * a + 1 - a))).toBeLessThan(1e-3);
      expect(d.classMoments.cov[0]).toBeCloseTo(0.5 * a + 1 - a, 12);
      const cellArea = (12 / 128) ** 2;
      expect(d.density.reduce((acc: number, v: number) => acc + v * cellArea, 0)).toBeCloseTo(1, 10);
    }
    expect(r.json.provenance.world.sha256).toMatch(/^[0-9a-f]{64}$/);
    const only = await cli('tilted', ...tg, '--s', '3', '--grid', '8', '--moments');
    expect(only.json.density).toBeUndefined();
    expect(only.json.points).toBeUndefined();
    expect(only.json.mean).toHaveLength(2);
    const csv = await cli('tilted', ...tg, '--s', '3', '--grid', '8', '--format', 'csv');
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toMatch(/^# \{"version"/);
    expect(lines[1]).toBe('t,s,x,y,density,log_density');
    expect(lines).toHaveLength(2 + 64);
  });

  it('s = 3 shifts the mean away from the other class and shrinks the variance along x only', async () => {
    const r = await cli('tilted', ...tg, '--s', '3', '--grid', '160', '--extent', '-8,6,-7,7');
    expect(r.json.mean[0]).toBeLessThan(-1.1);
    expect(r.json.cov[2]).toBeCloseTo(0.5 * alphaBar(0) + 1 - alphaBar(0), 3);
    expect(r.json.cov[0]).toBeLessThan(0.5);
  });
});

describe('sample paths, shared noise, Heun, σ intervals and the step note', () => {
  it('--xT starts every run there; --trajectory, --x0hat, --eps satisfy x̂_0 = (x_t − √(1−ᾱ) ε̃)/√ᾱ', async () => {
    const xT = join(dir, 'xT.json');
    writeFileSync(
      xT,
      JSON.stringify({
        xT: [
          [0.3, -1.2],
          [1.5, 0.4],
          [-0.7, 0.9],
        ],
      }),
    );
    const r = await cli('sample', ...tg, '--s', '1,4', '--xT', xT, '--steps', '10', '--trajectory', '--x0hat', '--eps');
    expect(r.code).toBe(0);
    expect(r.json.runs).toHaveLength(2);
    expect(r.json.n).toBe(3);
    for (const run of r.json.runs) {
      expect(run.trajectory).toHaveLength(11);
      expect(run.trajectory[0]).toEqual([
        [0.3, -1.2],
        [1.5, 0.4],
        [-0.7, 0.9],
      ]);
      expect(run.trajectory[10]).toEqual(run.samples);
      expect(run.x0Hat).toHaveLength(10);
      for (const k of [0, 5, 9]) {
        const a = alphaBar(r.json.timesteps[k]);
        const [x, y] = run.trajectory[k][1];
        const [ex, ey] = run.eps[k][1];
        expect(run.x0Hat[k][1][0]).toBeCloseTo((x - Math.sqrt(1 - a) * ex) / Math.sqrt(a), 12);
        expect(run.x0Hat[k][1][1]).toBeCloseTo((y - Math.sqrt(1 - a) * ey) / Math.sqrt(a), 12);
      }
    }
    expect(r.json.runs[0].samples).not.toEqual(r.json.runs[1].samples);
    expect(r.json.timesteps).toEqual([999, 899, 799, 699, 599, 499, 399, 299, 199, 99]);
    const bad = join(dir, 'xT-bad.json');
    writeFileSync(bad, '[[0, 1], [2]]');
    expect((await cli('sample', ...tg, '--s', '1', '--xT', bad)).err).toMatch(/--xT .*\[1\] must be \[x, y\]/);
    expect((await cli('sample', ...tg, '--s', '1', '--xT', xT, '--n', '5')).err).toMatch(/--n 5 but --xT .* holds 3 points/);
  });

  it('the step-count note: 50 DDIM steps shrink the s = 1 variance of two-gaussians by 8.7 % (0.4566 vs 0.5); 500 steps stay quiet', async () => {
    const r = await cli('sample', ...tg, '--s', '1', '--n', '10');
    expect(r.err).toMatch(/warning: 50 ddim steps change the s = 1 variance of class minus by up to 8\.7 %/);
    expect(r.json.provenance.stepBias.varianceRatios[0][0]).toBeCloseTo(0.4566 / 0.5, 3);
    expect(r.json.provenance.warnings).toHaveLength(1);
    const quiet = await cli('sample', ...tg, '--s', '1', '--n', '10', '--steps', '500');
    expect(quiet.err).toBe('');
  });

  it('Heun (EDM σ) at 10 steps is near the continuous variance 0.5 where DDIM is not', async () => {
    const heun = await cli('sample', ...tg, '--s', '1', '--n', '4000', '--steps', '10', '--sampler', 'heun');
    const ddim = await cli('sample', ...tg, '--s', '1', '--n', '4000', '--steps', '10');
    const varX = (pts: number[][]): number => {
      const m = pts.reduce((a, p) => a + p[0]!, 0) / pts.length;
      return pts.reduce((a, p) => a + (p[0]! - m) ** 2, 0) / (pts.length - 1);
    };
    expect(Math.abs(varX(heun.json.samples) - 0.4461)).toBeLessThan(0.03);
    expect(Math.abs(varX(ddim.json.samples) - 0.3155)).toBeLessThan(0.03);
  });

  it('--spacing karras puts the steps on Karras’s ρ-spacing of σ (ρ = 7 unless --rho), recorded with the run', async () => {
    const r = await cli('sample', ...tg, '--s', '1', '--n', '2000', '--steps', '20', '--sampler', 'heun', '--spacing', 'karras');
    expect(r.code).toBe(0);
    expect(r.json.timesteps).toEqual(Array.from(karrasTimesteps(makeSchedule('linear'), 20)));
    expect(r.json.timesteps.slice(16)).toEqual([41, 16, 4, 0]);
    expect(r.json).toMatchObject({ spacing: 'karras', rho: 7, sampler: 'heun' });
    expect(r.json.provenance.timesteps).toEqual(r.json.timesteps);
    const rho3 = await cli('sample', ...tg, '--s', '1', '--n', '5', '--steps', '20', '--sampler', 'heun', '--spacing', 'karras', '--rho', '3');
    expect(rho3.json.timesteps).toEqual(Array.from(karrasTimesteps(makeSchedule('linear'), 20, 3)));
    expect(rho3.json.timesteps).not.toEqual(r.json.timesteps);
    const wrong = await cli('sample', ...tg, '--s', '1', '--n', '5', '--rho', '3');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--rho applies to --spacing karras only/);
  });

  it('--interval-sigma SLO,SHI guides exactly the timesteps with σ_t inside (σ_t by hand)', async () => {
    const r = await cli('sample', ...tg, '--s', '3', '--n', '5', '--steps', '500', '--interval-sigma', '0.28,5.42');
    const inside: number[] = [];
    for (let t = 0; t < 1000; t++) {
      const sigma = Math.sqrt((1 - alphaBar(t)) / alphaBar(t));
      if (sigma >= 0.28 && sigma <= 5.42) inside.push(t);
    }
    expect(r.json.interval).toEqual([inside[0], inside.at(-1)]);
    expect(r.json.provenance.intervalT).toEqual(r.json.interval);
    expect((await cli('sample', ...tg, '--s', '3', '--interval', '0,10', '--interval-sigma', '1,2')).err).toMatch(/not both/);
    expect((await cli('sample', ...tg, '--s', '3', '--interval-sigma', '900,1000')).err).toMatch(/no timestep has σ in \[900, 1000\]/);
  });
});

describe('metrics, field, formats, provenance', () => {
  it('metrics: mean, covariance, component shares and SW with its floor, per run', async () => {
    const out = join(dir, 'runs.json');
    expect((await cli('sample', '--world', 'minor-mode', '--class', 'a', '--s', '1,6', '--n', '1000', '--out', out)).code).toBe(0);
    const m = await cli('metrics', '--world', 'minor-mode', '--class', 'a', '--samples', out);
    expect(m.code).toBe(0);
    const [s1, s6] = m.json.runs;
    const pts = JSON.parse(readFileSync(out, 'utf8')).runs[0].samples as number[][];
    const mx = pts.reduce((a, p) => a + p[0]!, 0) / pts.length;
    expect(s1.mean[0]).toBeCloseTo(mx, 12);
    expect(s1.components.weights).toEqual([0.75, 0.25]);
    expect(s1.components.shares[1]).toBeGreaterThan(0.15); // the minor mode is kept at s = 1 …
    expect(s6.components.shares[1]).toBeLessThan(0.05); // … and dropped at s = 6, while coverage says 1
    expect(s6.componentCoverage).toBe(1);
    expect(s1.slicedWassersteinRatio).toBeLessThan(3);
    expect(s6.slicedWassersteinRatio).toBeGreaterThan(s1.slicedWassersteinRatio);
    expect(s1.slicedWassersteinFloor).toBeGreaterThan(0);
  });

  it('field: list of t and s, --negative replaces ε_∅, --rescale keeps ‖ε̃‖ = ‖ε_y‖ at φ = 1', async () => {
    const r = await cli('field', ...tg, '--s', '1,3', '--t', '100,500', '--grid', '4', '--negative', 'plus', '--rescale', '1');
    expect(r.json.fields).toHaveLength(4);
    const plus = await cli('field', '--world', 'two-gaussians', '--class', 'plus', '--s', '1', '--t', '100', '--grid', '4');
    expect(r.json.fields[0].epsUncond).toEqual(plus.json.epsCond);
    for (const f of r.json.fields)
      f.epsGuided.forEach((g: number[], i: number) => expect(Math.hypot(g[0]!, g[1]!)).toBeCloseTo(Math.hypot(f.epsCond[i][0], f.epsCond[i][1]), 12));
  });

  it('--format npy writes a float64 array with its shape and a provenance sidecar; --out is checked before computing', async () => {
    const npy = join(dir, 's.npy');
    expect((await cli('sample', ...tg, '--s', '2', '--n', '7', '--format', 'npy', '--out', npy)).code).toBe(0);
    const bytes = readFileSync(npy);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    const headerLen = bytes.readUInt16LE(8);
    expect((10 + headerLen) % 64).toBe(0);
    expect(bytes.subarray(10, 10 + headerLen).toString('latin1')).toMatch(/'descr': '<f8', 'fortran_order': False, 'shape': \(7, 3\)/);
    expect(bytes.length).toBe(10 + headerLen + 7 * 3 * 8);
    expect(bytes.readDoubleLE(10 + headerLen)).toBe(2); // the s column
    expect(JSON.parse(readFileSync(`${npy}.json`, 'utf8')).columns).toEqual(['s', 'x', 'y']);
    const t0 = performance.now();
    const r = await cli('sample', ...tg, '--s', '2', '--n', '100000', '--out', join(dir, 'no/such/dir.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out: cannot write .*its folder .* does not exist/);
    expect(performance.now() - t0).toBeLessThan(500);
    expect((await cli('sample', ...tg, '--s', '2', '--format', 'npy')).err).toMatch(/needs --out/);
  });

  it('provenance: version, commit, all flags with defaults, world fingerprint equal for a built-in and its file copy', async () => {
    const r = await cli('sample', ...tg, '--s', '2', '--n', '3', '--steps', '500');
    const p = r.json.provenance;
    expect(p.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(p.commit).toMatch(/^[0-9a-f]{40}(\+dirty)?$/);
    expect(p.flags).toMatchObject({ world: 'two-gaussians', class: 'minus', s: [2], n: 3, seed: 0, sampler: 'ddim', schedule: 'linear' });
    expect(p.seed).toBe(0);
    expect(p.timesteps).toHaveLength(500);
    const copy = join(dir, 'tg.json');
    writeFileSync(copy, JSON.stringify(getBuiltinWorld('two-gaussians')));
    const f = await cli('sample', '--world', copy, '--class', 'minus', '--s', '2', '--n', '3', '--steps', '500');
    expect(f.json.provenance.world.sha256).toBe(p.world.sha256);
    expect(f.json.provenance.world.source).toBe(copy);
  });

  it('learned: the world comes from the weights file, its checksum is recorded; a guide equal to the model is plain conditional sampling', async () => {
    const weights = 'public/weights/minor-mode-add.json';
    const sha = createHash('sha256').update(readFileSync(weights)).digest('hex');
    const base = ['--class', 'a', '--n', '20', '--steps', '20', '--denoiser', 'learned', '--weights', weights];
    const r = await cli('sample', ...base, '--s', '1');
    expect(r.code).toBe(0);
    expect(r.json.world).toBe('minor-mode');
    expect(r.json.provenance.weights.sha256).toBe(sha);
    const auto = await cli('sample', ...base, '--s', '5', '--guide-weights', weights);
    expect(auto.json.guidance).toBe('autoguidance');
    expect(auto.json.provenance.guideWeights.sha256).toBe(sha);
    auto.json.samples.flat().forEach((v: number, i: number) => expect(v).toBeCloseTo(r.json.samples.flat()[i], 5));
    expect((await cli('sample', ...base, '--s', '5', '--guide-weights', weights, '--negative', 'b')).err).toMatch(/replaces ε_∅/);
  });
});

describe('plot', () => {
  it('SVG with one circle per sample and the density; PNG bytes through resvg', async () => {
    const out = join(dir, 'p.json');
    await cli('sample', ...tg, '--s', '1,3', '--n', '25', '--steps', '10', '--trajectory', '--out', out);
    const r = await cli('plot', ...tg, '--density', 'tilted', '--s', '3', '--field', '--samples', out, '--trajectories', '--grid', '16', '--title', 'a <b>');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(r.out.match(/<circle /g)).toHaveLength(50);
    expect(r.out.match(/<polyline /g)).toHaveLength(50);
    expect(r.out).toContain('a &lt;b&gt;');
    expect(r.out).toContain('s = 3');
    const png = join(dir, 'p.png');
    expect((await cli('plot', ...tg, '--grid', '16', '--format', 'png', '--out', png)).code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect((await cli('plot', ...tg, '--format', 'png')).err).toMatch(/needs --out/);
  });
});
