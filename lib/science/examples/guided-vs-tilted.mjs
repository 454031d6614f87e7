// Guided DDIM samples against the tilted density p(x|y)^s p(x)^(1−s) they are often mistaken for.
import { ExactDenoiser, getBuiltinWorld, makeGrid, makeSchedule, sample, sampleMoments, tiltedWithMoments } from '@scorefield/science';

const world = getBuiltinWorld('two-gaussians');
const exact = new ExactDenoiser(world, makeSchedule('linear'));
const s = 3;
const { x0 } = await sample(exact, { sampler: 'ddim', steps: 250, n: 4000, y: 0, seed: 1, guidance: { s } });
const guided = sampleMoments(x0);
const tilted = tiltedWithMoments(exact, makeGrid(200, [-8, 6, -7, 7]), 0, s);
console.log(`s = ${s}: guided mean x ${guided.mean[0].toFixed(3)}, var x ${guided.cov[0].toFixed(3)}`);
console.log(`        tilted mean x ${tilted.mean[0].toFixed(3)}, var x ${tilted.cov[0].toFixed(3)}`);
