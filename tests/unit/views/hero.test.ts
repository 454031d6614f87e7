import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';
import { ScoreFieldViewModel } from '../../../lib/views/score-field';
import { HERO_SHADE_MAX, heroFrame, shadeAlpha, type HeroData } from '../../../lib/views/hero';

describe('landing hero: a move of s recombines the build-time ε_∅, ε_y', async () => {
  const exact = new ExactDenoiser(getBuiltinWorld(DEFAULT_WORLD)!, makeSchedule('linear'));
  const arrows = makeGrid(9, [-3, 3, -3, 3]);
  const shading = makeGrid(12, [-3, 3, -3, 3]);
  const field = await epsField(exact, arrows, 200, 1);
  const model = new ScoreFieldViewModel(exact, field, shading);
  const size = 90;
  const data: HeroData = {
    px: Array.from(arrows.points, (v, i) => (i % 2 === 0 ? ((v + 3) / 6) * size : (1 - (v + 3) / 6) * size)),
    eps0: Array.from(field.epsUncond),
    epsY: Array.from(field.epsCond),
    sigma: exact.sigma(200),
    pxPerScore: 1,
    cellPx: 10,
    logCond: Array.from(exact.logDensity(shading.points, 200, 1)),
    logUncond: Array.from(exact.logDensity(shading.points, 200)),
  };

  it('points the arrows along the guided score of the score-field view model, and shades its density', () => {
    for (const s of [0, 1, 7.5]) {
      const { tips, shade } = heroFrame(data, s);
      const frame = model.frame(s, 'guided');
      const v = frame.arrows.at(-1)!.vectors;
      for (let k = 0; k < 81; k++) {
        const dx = tips[2 * k]! - data.px[2 * k]!;
        const dy = -(tips[2 * k + 1]! - data.px[2 * k + 1]!);
        const norm = Math.hypot(v[2 * k]!, v[2 * k + 1]!);
        if (norm < 1e-9) continue;
        // same direction (cosine 1)
        expect((dx * v[2 * k]! + dy * v[2 * k + 1]!) / (Math.hypot(dx, dy) * norm)).toBeCloseTo(1, 6);
      }
      for (let i = 0; i < shade.length; i++) expect(shade[i]).toBeCloseTo(frame.alpha[i]! / 255, 2);
    }
  });

  it('turns the shading into an image with the largest y on top, alpha = HERO_SHADE_MAX × shade', () => {
    const n = 12;
    const { shade } = heroFrame(data, 7.5);
    const rgba = shadeAlpha(shade, n);
    expect(rgba.length).toBe(4 * n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        // grid point (i, j) has y = shading.points[2(jn + i) + 1], increasing with j; image row 0 is the top
        const row = n - 1 - j;
        expect(rgba[4 * (row * n + i) + 3]).toBe(Math.round(255 * HERO_SHADE_MAX * shade[j * n + i]!));
        expect(rgba[4 * (row * n + i)]).toBe(0);
      }
    }
    // the guided density at s = 7.5 sits right of the origin (class "plus"): the brightest pixel is in the right half
    let best = 0;
    for (let p = 1; p < n * n; p++) if (rgba[4 * p + 3]! > rgba[4 * best + 3]!) best = p;
    expect(best % n).toBeGreaterThanOrEqual(n / 2);
  });
});
