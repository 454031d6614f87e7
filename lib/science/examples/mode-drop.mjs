// Strong guidance drops the minor mode of class a; a guidance interval in σ keeps it.
import { ExactDenoiser, componentShares, getBuiltinWorld, makeSchedule, sample, sigmaIntervalToT } from '@scorefield/science';

const world = getBuiltinWorld('minor-mode');
const schedule = makeSchedule('linear');
const exact = new ExactDenoiser(world, schedule);
const interval = sigmaIntervalToT(schedule, 0, 1); // guide only where σ_t ≤ 1 (low noise)
for (const guidance of [{ s: 1 }, { s: 6 }, { s: 6, interval }]) {
  const { x0 } = await sample(exact, { sampler: 'ddim', steps: 100, n: 2000, y: 0, seed: 2, guidance });
  const { shares } = componentShares(world, x0, 0);
  console.log(`${JSON.stringify(guidance)}: minor-mode share ${(100 * shares[1]).toFixed(1)} % (weight 25 %)`);
}
