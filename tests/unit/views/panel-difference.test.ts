import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { defaultNotebookState } from '../../../lib/state/notebook';
import { storyContrast } from '../../../lib/views/panel-difference';
import { ScoreFieldModel } from '../../../lib/views/score-field';

const CANDIDATE_T = [30, 60, 100, 150, 200, 300, 400, 600];

async function contrastAt(world: string, y: number, t: number): Promise<number> {
  const exact = new ExactDenoiser(getBuiltinWorld(world)!, makeSchedule('linear'));
  const model = new ScoreFieldModel(exact, await epsField(exact, makeGrid(17, [-3, 3, -3, 3]), t, y), makeGrid(48, [-3, 3, -3, 3]));
  return storyContrast(model);
}

describe('figure 3.1 tells its story at its defaults (s = 0, 1 and 7.5 differ plainly)', () => {
  it('the default world, class and t give a shading difference of over 24 grey levels between s = 0 and 1 and between 1 and 7.5', async () => {
    const st = defaultNotebookState();
    expect(await contrastAt(st.world, st.y, st.t)).toBeGreaterThan(24);
  });

  it('the default t is within 5 % of the best timestep of the candidates by this measure (so it cannot drift to a dull one)', async () => {
    const st = defaultNotebookState();
    const scores = await Promise.all(CANDIDATE_T.map((t) => contrastAt(st.world, st.y, t)));
    const best = Math.max(...scores);
    expect(await contrastAt(st.world, st.y, st.t)).toBeGreaterThanOrEqual(0.95 * best);
    // a dull choice fails: at t = 30 the s = 1 and s = 7.5 panels are nearly the same
    expect(scores[0]).toBeLessThan(0.6 * best);
  });
});
