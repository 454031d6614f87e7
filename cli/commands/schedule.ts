import { makeSchedule, type ScheduleName } from '../../lib/science';
import { defineCommand } from '../command';
import { scheduleFlag } from '../common';

export default defineCommand({
  name: 'schedule',
  summary: 'print the noise schedule: betas and alphasCumprod',
  flags: { ...scheduleFlag },
  run: (f) => {
    const s = makeSchedule(f.schedule as ScheduleName);
    return { schedule: s.name, T: s.T, betas: Array.from(s.betas), alphasCumprod: Array.from(s.alphasCumprod) };
  },
});
