// The guided-vs-exact sample picture (docs/, issue #15): DDIM samples (100 steps) of class y at scale s from the exact
// model and from a learned weight file, from the same initial noise, as one SVG (exact grey, learned orange).
//   npx tsx scripts/sample-picture.ts FILE OUT.svg [--y 0] [--s 7.5] [--n 1000] [--seed 2024]
import { readFileSync, writeFileSync } from 'node:fs';
import { LearnedDenoiser } from '../lib/model/denoiser';
import { initNodeBackend } from '../lib/model/node';
import { ExactDenoiser } from '../lib/science/exact';
import { sample } from '../lib/science/samplers';
import { logDetCov } from '../lib/science/metrics';
import { arg } from './argv';

const [file, out] = process.argv.slice(2);
if (!file || !out) throw new Error('usage: scripts/sample-picture.ts FILE OUT.svg [--y 0] [--s 7.5] [--n 1000] [--seed 2024]');
await initNodeBackend('wasm');
const learned = LearnedDenoiser.fromJson(readFileSync(file, 'utf8'));
const world = learned.meta!.world.definition;
const exact = new ExactDenoiser(world, learned.schedule);
const y = Number(arg('y', '0'));
const s = Number(arg('s', '7.5'));
const opts = { n: Number(arg('n', '1000')), y, guidance: { s }, sampler: 'ddim', steps: 100, seed: Number(arg('seed', '2024')) } as const;
const a = (await sample(exact, opts)).x0;
const b = (await sample(learned, opts)).x0;
const all = [...a, ...b];
const lim = Math.min(12, Math.max(...all.map(Math.abs)) * 1.05);
const size = 480;
const px = (v: number): string => (((v + lim) / (2 * lim)) * size).toFixed(1);
const dots = (p: Float64Array, color: string): string =>
  Array.from({ length: p.length / 2 }, (_, i) => `<circle cx="${px(p[2 * i]!)}" cy="${px(-p[2 * i + 1]!)}" r="1.6" fill="${color}" fill-opacity="0.55"/>`).join(
    '',
  );
const title = `${world.name}, class ${world.classes[y]?.name ?? y}, s = ${s}: exact (grey) vs ${file.split('/').pop()} (orange)`;
const detail = `DDIM 100 steps from the same noise; axes ±${lim.toFixed(1)} around the origin (+)`;
const mid = size / 2; // the origin: the axes run ±lim around it
const origin = `<path d="M${mid} ${mid - 6}v12M${mid - 6} ${mid}h12" stroke="#999"/>`;
writeFileSync(
  out,
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 40}" viewBox="0 0 ${size} ${size + 40}"><title>${title}, ${detail}</title>` +
    `<rect width="${size}" height="${size}" fill="#fff" stroke="#ccc"/>${origin}${dots(a, '#777')}${dots(b, '#e66a00')}` +
    `<text font-family="sans-serif" font-size="11"><tspan x="4" y="${size + 16}">${title}</tspan><tspan x="4" y="${size + 32}">${detail}</tspan></text></svg>\n`,
);
/** Mean distance from the origin: how far out guidance moved the class (three-spirals' arms wind around it). */
const meanRadius = (p: Float64Array): number =>
  Array.from({ length: p.length / 2 }, (_, i) => Math.hypot(p[2 * i]!, p[2 * i + 1]!)).reduce((u, v) => u + v, 0) / (p.length / 2);
console.log(`wrote ${out}`);
for (const [name, p] of [
  ['exact', a],
  ['learned', b],
] as const)
  console.log(`${name}: mean radius ${meanRadius(p).toFixed(2)}, log det of the covariance ${logDetCov(p).toFixed(2)}`);
