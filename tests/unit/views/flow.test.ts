import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { FlowParticles, sampleField } from '../../../lib/views/flow';
import { ScoreFieldViewModel } from '../../../lib/views/score-field';

describe('flow view: particles along the guided score', () => {
  it('sampleField is exact at grid points and linear between them', () => {
    const g = makeGrid(3, [0, 3, 0, 3]);
    const v = Float64Array.from(g.points); // the field (x, y) itself
    expect(sampleField(g, v, 0.5, 1.5)).toEqual([0.5, 1.5]);
    const [a, b] = sampleField(g, v, 1.2, 2.1);
    expect(a).toBeCloseTo(1.2, 12);
    expect(b).toBeCloseTo(2.1, 12);
  });

  it('drifts towards the class under guidance, further than without: re-routed by s alone', async () => {
    const exact = new ExactDenoiser(getBuiltinWorld('two-gaussians')!, makeSchedule('linear'));
    const grid = makeGrid(17, [-3, 3, -3, 3]);
    const model = new ScoreFieldViewModel(exact, await epsField(exact, grid, 300, 1), makeGrid(24, [-3, 3, -3, 3]));
    const meanX = (s: number) => {
      const p = new FlowParticles(400, grid, 7);
      const v = model.guidedScore(s);
      for (let f = 0; f < 60; f++) p.step(v, model.arrowScale);
      let sum = 0;
      for (let k = 0; k < p.n; k++) sum += p.x[2 * k]!;
      return sum / p.n;
    };
    const classMean = exact.world.classes[1]!.components.reduce((m, c) => m + c.weight * c.mean[0], 0);
    // s = 7.5 pushes the cloud further to the class's side than s = 1, which is further than s = 0
    expect(Math.sign(classMean)).not.toBe(0);
    const side = Math.sign(classMean);
    const [m0, m1, m7] = [meanX(0) * side, meanX(1) * side, meanX(7.5) * side];
    expect(m1).toBeGreaterThan(m0);
    expect(m7).toBeGreaterThan(m1);
  });

  it('stays inside the view, and the same seed gives the same flow', () => {
    const grid = makeGrid(5, [-3, 3, -3, 3]);
    const out = new Float64Array(2 * 25).fill(50); // a strong field pointing out to the upper right
    const a = new FlowParticles(50, grid, 3);
    const b = new FlowParticles(50, grid, 3);
    for (let f = 0; f < 30; f++) {
      a.step(out, 0.01);
      b.step(out, 0.01);
    }
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    for (const v of a.x) expect(Math.abs(v)).toBeLessThanOrEqual(3);
  });
});
