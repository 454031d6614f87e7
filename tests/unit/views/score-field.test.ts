import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import { NULL_CLASS, type Denoiser } from '../../../lib/science/types';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { ScoreFieldViewModel, legendNorm, nearestGridIndex, percentileNorm } from '../../../lib/views/score-field';

const world = getBuiltinWorld('two-gaussians')!;
const exact = new ExactDenoiser(world, makeSchedule('linear'));
const arrows = makeGrid(15);
const density = makeGrid(48);

/** Counts the denoiser's calls: moving s must not add any. */
function counting(d: Denoiser): Denoiser & { calls: number } {
  const c = {
    calls: 0,
    kind: d.kind,
    numClasses: d.numClasses,
    schedule: d.schedule,
    eps: (x: Float64Array, t: number, cond: Int32Array) => (c.calls++, d.eps(x, t, cond)),
  };
  return c;
}

describe('score-field view model', () => {
  it('draws the exact guided score −ε̃/σ_t = (1−s)∇log p_t(x) + s∇log p_t(x|y) for any s, with one denoiser call', async () => {
    const t = 250;
    const d = counting(exact);
    const model = new ScoreFieldViewModel(exact, await epsField(d, arrows, t, 1), density);
    const marginal = exact.score(arrows.points, t, NULL_CLASS);
    const conditional = exact.score(arrows.points, t, 1);
    for (const s of [0, 1, 3, 7.5, 15]) {
      const g = model.frame(s, 'guided').arrows[0]!.vectors;
      for (let i = 0; i < g.length; i++) {
        const want = (1 - s) * marginal[i]! + s * conditional[i]!;
        expect(Math.abs(g[i]! - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }
    }
    expect(d.calls).toBe(1);
  });

  it('shades the tilted density p_t(x|y)^s p_t(x)^(1−s): its peak moves past the class mean as s grows', async () => {
    const t = 100;
    const model = new ScoreFieldViewModel(exact, await epsField(exact, arrows, t, 1), density);
    const peaks = [0, 1, 3, 7.5].map((s) => model.density(s).peak[0]);
    expect(peaks[0]).toBeDefined();
    // s = 0: the marginal of two mirror-image classes is mirror-symmetric in x ...
    const marginal = model.density(0).alpha;
    for (let j = 0; j < density.ny; j++) {
      for (let i = 0; i < density.nx; i++) {
        expect(Math.abs(marginal[j * density.nx + i]! - marginal[j * density.nx + density.nx - 1 - i]!)).toBeLessThanOrEqual(1);
      }
    }
    // ... s = 1: p_t(x | y) peaks at the class mean √ᾱ·(1, 0) ...
    expect(Math.abs(peaks[1]! - Math.sqrt(exact.alphaBar(t)))).toBeLessThan(density.dx);
    // ... and beyond it for s > 1 (guidance pushes to the far side of the class).
    expect(peaks[2]!).toBeGreaterThanOrEqual(peaks[1]! + density.dx - 1e-9);
    expect(peaks[3]!).toBeGreaterThan(peaks[2]!);
    const { alpha } = model.density(1);
    expect(Math.max(...alpha)).toBe(255);
  });

  it('uses one arrow scale for every s, so lengths compare across panels', async () => {
    const model = new ScoreFieldViewModel(exact, await epsField(exact, arrows, 300, 0), density);
    expect(model.frame(0, 'guided').arrowScale).toBe(model.frame(7.5, 'guided').arrowScale);
    expect(model.frame(0, 'guided', 0.25).arrowScale).toBe(0.25);
    expect(legendNorm(arrows, model.arrowScale)).toBeCloseTo(percentileNorm(model.guidedScore(1), 0.9), 12);
    const ref = percentileNorm(model.guidedScore(1), 0.9);
    expect(ref * model.arrowScale).toBeCloseTo(0.7 * arrows.dx, 12);
  });

  it('shows ∅, y and guided arrows in the components view, and learned − exact in the difference view', async () => {
    const t = 400;
    const shifted: Denoiser = {
      ...exact,
      kind: 'learned',
      numClasses: 2,
      schedule: exact.schedule,
      eps: (x, tt, c) => exact.eps(x, tt, c).map((v) => v + 0.1),
    };
    const model = new ScoreFieldViewModel(exact, await epsField(shifted, arrows, t, 1), density, await epsField(exact, arrows, t, 1));
    expect(model.frame(2, 'components').arrows.map((a) => a.role)).toEqual(['uncond', 'cond', 'guided']);
    const diff = model.frame(2, 'difference').arrows[0]!.vectors;
    // ε shifted by 0.1 in both branches: ε̃ shifts by 0.1 for every s, so the score differs by −0.1/σ_t.
    for (const v of diff) expect(v).toBeCloseTo(-0.1 / exact.sigma(t), 9);
  });

  it('measures the ε̃ error where the guided density lies: a uniform shift is its size, a far-off error barely counts', async () => {
    const t = 300;
    const exactField = await epsField(exact, arrows, t, 1);
    const shift = (f: (x: number, y: number) => number): Denoiser => ({
      ...exact,
      kind: 'learned',
      eps: (x, tt, c) => exact.eps(x, tt, c).map((v, i) => v + f(x[i - (i % 2)]!, x[i - (i % 2) + 1]!)),
    });
    // ε shifted by 0.1 in both coordinates and both branches: ‖ε̃ − ε̃*‖ = 0.1·√2 at every point and every s
    const uniform = new ScoreFieldViewModel(
      exact,
      await epsField(
        shift(() => 0.1),
        arrows,
        t,
        1,
      ),
      density,
      exactField,
    );
    for (const s of [0, 1, 7.5]) expect(uniform.guidedError(s)).toBeCloseTo(0.1 * Math.SQRT2, 9);
    // an error only far from class 1 (x < −2.5): large at s = 0 (p_t(x) reaches there), tiny at s = 7.5 (the tilt is beyond +1)
    const far = new ScoreFieldViewModel(
      exact,
      await epsField(
        shift((x) => (x < -2.5 ? 1 : 0)),
        arrows,
        t,
        1,
      ),
      density,
      exactField,
    );
    expect(far.guidedError(7.5)).toBeLessThan(1e-3);
    expect(far.guidedError(0)).toBeGreaterThan(20 * far.guidedError(7.5));
    expect(new ScoreFieldViewModel(exact, exactField, density).guidedError(7.5)).toBe(0);
  });

  it('the classifier view draws s ∇log p_t(y|x) of the exact noisy classifier over p_t(y|x)', async () => {
    const t = 150;
    const model = new ScoreFieldViewModel(exact, await epsField(exact, arrows, t, 1), density);
    const grad = exact.classifierGrad(arrows.points, t, 1);
    const frame = model.frame(2.5, 'classifier');
    const v = frame.arrows[0]!.vectors;
    for (let i = 0; i < v.length; i++) expect(v[i]).toBeCloseTo(2.5 * grad[i]!, 8);
    const posterior = exact.classPosterior(density.points, t);
    for (let i = 0; i < frame.alpha.length; i += 97) expect(Math.abs(frame.alpha[i]! - 255 * posterior[2 * i + 1]!)).toBeLessThanOrEqual(0.5);
    expect(frame.peak).toBeUndefined(); // a probability map has no single peak worth marking
    expect(model.frame(0, 'classifier').arrows[0]!.vectors.every((x) => x === 0)).toBe(true);
  });

  it('reads the vectors at a point consistently with the frame', async () => {
    const model = new ScoreFieldViewModel(exact, await epsField(exact, arrows, 300, 1), density);
    const index = nearestGridIndex(arrows, 0.9, -0.2);
    const r = model.readout(index, 7.5);
    const g = model.guidedScore(7.5);
    expect(r.scoreGuided[0]).toBeCloseTo(g[2 * index]!, 12);
    expect(r.epsGuided[1]).toBeCloseTo(r.epsUncond[1] + 7.5 * (r.epsCond[1] - r.epsUncond[1]), 12);
    expect(Math.abs(r.x[0] - 0.9)).toBeLessThanOrEqual(arrows.dx / 2);
    expect(nearestGridIndex(arrows, 99, 0)).toBe(-1);
  });
});

describe('score-field view model builds on lib/science (no formula of its own)', () => {
  it("its guided score is cfg's ε̃ over −σ_t, its readout cfg's ε̃ at the point, its density the tilted density", async () => {
    const { cfg } = await import('../../../lib/science/guidance');
    const { tiltedLogDensity } = await import('../../../lib/science/tilted');
    const { opacityFromLog } = await import('../../../lib/views/density');
    const t = 180;
    const field = await epsField(exact, arrows, t, 1);
    const model = new ScoreFieldViewModel(exact, field, density);
    const sigma = exact.sigma(t);
    for (const s of [0, 2.5, 7.5]) {
      const want = cfg(field.epsUncond, field.epsCond, s).map((e) => e * (-1 / sigma));
      expect(Array.from(model.guidedScore(s))).toEqual(Array.from(want));
      const r = model.readout(37, s);
      expect(r.epsGuided).toEqual(Array.from(cfg(field.epsUncond, field.epsCond, s).subarray(74, 76)));
      expect(Array.from(model.density(s).alpha)).toEqual(Array.from(opacityFromLog(tiltedLogDensity(exact, density, 1, s, t)).alpha));
    }
  });
});
