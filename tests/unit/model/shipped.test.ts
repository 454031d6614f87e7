import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { CONDITIONINGS } from '../../../lib/model/network';
import { DEFAULT_CONDITIONING, shippedPUncond, shippedWeightsFile } from '../../../lib/model/shipped';
import { parseWeights } from '../../../lib/model/weights';
import { BUILTIN_WORLDS, BUILTIN_WORLD_NAMES, DEFAULT_WORLD } from '../../../lib/science/worlds';

const dir = fileURLToPath(new URL('../../../public/weights/', import.meta.url));

describe('shipped weights (public/weights/, from npm run weights)', () => {
  const expected = [
    ...BUILTIN_WORLD_NAMES.flatMap((w) => CONDITIONINGS.map((c) => ({ world: w, c, p0: false }))),
    { world: DEFAULT_WORLD, c: DEFAULT_CONDITIONING, p0: true },
  ];
  for (const { world, c, p0 } of expected) {
    const file = shippedWeightsFile(world, c, p0);
    it(`${file} exists, is valid for its world and small`, () => {
      expect(existsSync(dir + file)).toBe(true);
      expect(statSync(dir + file).size).toBeLessThan(420_000); // the 5-block networks (three-spirals, branching-tree): ≈ 400 kB
      const w = parseWeights(readFileSync(dir + file, 'utf8'), { world: BUILTIN_WORLDS[world], conditioning: c });
      expect(w.training.pUncond).toBe(p0 ? 0 : shippedPUncond(world, c));
      expect(w.training.dropout).toBe('expected'); // claim C4.4: the shipped models are trained in expectation (eq. 4.4)
    });
  }

  it('index.json lists every shipped file', () => {
    const index = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as { models: { file: string }[] };
    expect(index.models.map((m) => m.file).sort()).toEqual(expected.map((e) => shippedWeightsFile(e.world, e.c, e.p0)).sort());
  });

  it('--denoiser learned without --weights uses the shipped weights of the world', async () => {
    let out = '';
    const code = await runCli(['sample', '--world', DEFAULT_WORLD, '--class', '0', '--s', '3', '--n', '10', '--steps', '5', '--denoiser', 'learned'], {
      stdout: (t) => (out += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).denoiser).toBe('learned');
  });
});
