import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import { BUILTIN_WORLD_NAMES, getBuiltinWorld } from '../../../lib/science/worlds';
import { defaultNotebookState, parseNotebookQuery } from '../../../lib/state/notebook';
import { storyContrast } from '../../../lib/views/panel-difference';
import { ScoreFieldViewModel } from '../../../lib/views/score-field';

const CANDIDATE_T = [30, 60, 100, 150, 200, 300, 400, 600];

async function contrastAt(world: string, y: number, t: number): Promise<number> {
  const exact = new ExactDenoiser(getBuiltinWorld(world)!, makeSchedule('linear'));
  const model = new ScoreFieldViewModel(exact, await epsField(exact, makeGrid(17, [-3, 3, -3, 3]), t, y), makeGrid(48, [-3, 3, -3, 3]));
  return storyContrast(model);
}

/** Where chapter 3 opens its shared figure 3.1: the schema's defaults under the chapter's front matter `defaults`. */
function chapter3Defaults() {
  const mdx = readFileSync(new URL('../../../content/03-classifier-free-guidance.mdx', import.meta.url), 'utf8');
  const defaults = /^defaults: (.*)$/m.exec(mdx)?.[1] ?? '';
  const { state, notices } = parseNotebookQuery(defaults);
  expect(notices).toEqual([]);
  return state;
}

describe('figure 3.1 tells its story at its defaults (s = 0, 1 and 7.5 differ plainly)', () => {
  it('opens on a world, class and t whose story contrast is over 30 grey levels, above the schema defaults (two-gaussians, t = 300: 25.6)', async () => {
    const st = chapter3Defaults();
    const plain = defaultNotebookState();
    const chosen = await contrastAt(st.world, st.y, st.t);
    expect(chosen).toBeGreaterThan(30);
    expect(chosen).toBeGreaterThan(1.15 * (await contrastAt(plain.world, plain.y, plain.t)));
  });

  it('its t is within 5 % of the best candidate timestep, and its world and class within 5 % of the best of the built-in worlds and classes at that t', async () => {
    const st = chapter3Defaults();
    const byT = await Promise.all(CANDIDATE_T.map((t) => contrastAt(st.world, st.y, t)));
    const chosen = await contrastAt(st.world, st.y, st.t);
    expect(chosen).toBeGreaterThanOrEqual(0.95 * Math.max(...byT));
    let best = 0;
    for (const world of BUILTIN_WORLD_NAMES) {
      const K = getBuiltinWorld(world)!.classes.length;
      for (let y = 0; y < K; y++) best = Math.max(best, await contrastAt(world, y, st.t));
    }
    expect(chosen).toBeGreaterThanOrEqual(0.95 * best);
  });
});
