// How many DDIM steps reproduce the continuous s = 1 variance of a Gaussian class, in closed form.
import { discretisedVariance, makeSchedule, stridedTimesteps } from '@scorefield/science';

const schedule = makeSchedule('linear');
for (const steps of [10, 50, 250, 1000]) {
  const ts = stridedTimesteps(schedule.T, steps);
  const ddim = discretisedVariance(0.5, schedule, ts, 'ddim');
  const heun = discretisedVariance(0.5, schedule, ts, 'heun');
  console.log(`${String(steps).padStart(4)} steps: DDIM ${ddim.toFixed(4)}, Heun ${heun.toFixed(4)} (continuous 0.5)`);
}
