import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import type { Denoiser } from '../../../lib/science/types';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { ClassifierGuidanceViewModel, rmsDifference } from '../../../lib/views/classifier-guidance';
import { posteriorAlpha } from '../../../lib/views/score-field';

const arrows = makeGrid(15);
const density = makeGrid(32);

/** The exact denoiser with a smooth perturbation of ε_y: a stand-in for an imperfect learned model. */
function perturbed(d: ExactDenoiser, amount: number): Denoiser {
  return {
    kind: 'learned',
    numClasses: d.numClasses,
    schedule: d.schedule,
    eps: (x, t, cond) => {
      const e = d.eps(x, t, cond);
      for (let i = 0; i < cond.length; i++) if (cond[i]! >= 0) e[2 * i]! += amount * Math.sin(x[2 * i + 1]!);
      return e;
    },
  };
}

describe('classifier-guidance view model', () => {
  for (const name of ['two-gaussians', 'three-spirals']) {
    it(`eq. 3.4: classifier guidance equals CFG for exact scores (${name}, every s, max |CG − CFG| ≤ 1e-10)`, async () => {
      const exact = new ExactDenoiser(getBuiltinWorld(name)!, makeSchedule('linear'));
      for (const t of [20, 300, 800]) {
        const model = new ClassifierGuidanceViewModel(exact, await epsField(exact, arrows, t, 1), density);
        expect(model.rms).toBeLessThan(1e-10);
        for (const s of [0, 1, 3, 7.5, 15]) {
          const c = model.compare(s);
          expect(c.maxAbs).toBeLessThan(1e-10);
          // drawn at the guided fields' scale: a rounding-level difference stays invisible
          const both = model.comparisonFrame(c, 'both');
          const diff = model.comparisonFrame(c, 'difference');
          expect(diff.arrowScale).toBe(both.arrowScale);
          expect(both.arrows.map((a) => a.role)).toEqual(['guided', 'cg']);
        }
      }
    });
  }

  it('the implicit classifier of an imperfect model differs from the exact one, and CG − CFG = s σ_t (implicit − exact gradient)', async () => {
    const exact = new ExactDenoiser(getBuiltinWorld('two-gaussians')!, makeSchedule('linear'));
    const t = 300;
    const model = new ClassifierGuidanceViewModel(exact, await epsField(perturbed(exact, 0.1), arrows, t, 0), density);
    expect(model.rms).toBeGreaterThan(0.05);
    const s = 4;
    const c = model.compare(s);
    expect(c.maxAbs).toBeGreaterThan(0.1);
    for (let i = 0; i < c.difference.length; i++) {
      const want = s * model.sigma * (model.implicitGrad[i]! - model.exactClassifier.grad[i]!);
      expect(c.difference[i]!).toBeCloseTo(want, 10);
    }
    // at s = 0 both rules give ε_∅
    expect(model.compare(0).maxAbs).toBe(0);
    // the RMS is the root mean square of the point-wise distance
    expect(rmsDifference(Float64Array.from([3, 4, 0, 0]), new Float64Array(4))).toBeCloseTo(Math.sqrt(25 / 2), 12);
  });

  it('shades the exact posterior p_t(y | x_t) of the chosen class and draws another classifier the same way', async () => {
    const exact = new ExactDenoiser(getBuiltinWorld('two-gaussians')!, makeSchedule('linear'));
    const model = new ClassifierGuidanceViewModel(exact, await epsField(exact, arrows, 50, 1), density);
    const post = exact.classPosterior(density.points, 50);
    const alpha = model.exactClassifier.alpha;
    // class 1 ("plus", mean (1, 0)) is likely on the right, unlikely on the left
    const row = 16 * density.nx;
    expect(alpha[row + density.nx - 1]!).toBeGreaterThan(250);
    expect(alpha[row]!).toBeLessThan(5);
    expect(Array.from(posteriorAlpha(post, 2, 1))).toEqual(Array.from(alpha));
    const other = model.classifierFrame(post, model.exactClassifier.grad);
    expect(other.arrowScale).toBe(model.exactClassifier.arrowScale);
  });
});
