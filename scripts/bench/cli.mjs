// Benchmark of the command line: start-up (`scorefield worlds`, the bundled bin/cli.bundle.mjs against compiling
// cli/ through tsx as before), then one 10,000-sample exact DDIM run (50 steps, s = 3) per built-in world, whole
// process. Medians of wall-clock times; prints numbers, passes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/scorefield.mjs');
const out = mkdtempSync(join(tmpdir(), 'scorefield-bench-'));

function run(args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scorefield ${args.join(' ')} failed: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

run(['worlds']); // builds the bundle if a source is newer
const reps = 5;
const bundled = median(Array.from({ length: reps }, () => run(['worlds'])));
const tsx = median(Array.from({ length: reps }, () => run(['worlds'], { SCOREFIELD_NO_BUNDLE: '1' })));
console.log(
  `start-up (scorefield worlds, median of ${reps}): bundled ${bundled.toFixed(3)} s, through tsx ${tsx.toFixed(3)} s (${(tsx / bundled).toFixed(1)}×)`,
);

const worlds = JSON.parse(spawnSync(process.execPath, [bin, 'worlds'], { cwd: root, encoding: 'utf8' }).stdout).worlds;
console.log('\n10,000 exact DDIM samples, 50 steps, s = 3, class 0, whole process (median of 3):');
console.log('| world | components | seconds |');
console.log('| --- | --- | --- |');
for (const w of worlds) {
  const args = ['sample', '--world', w.name, '--class', '0', '--s', '3', '--n', '10000', '--out', join(out, `${w.name}.json`)];
  const secs = median(Array.from({ length: 3 }, () => run(args)));
  const components = JSON.parse(spawnSync(process.execPath, [bin, 'world', '--world', w.name], { cwd: root, encoding: 'utf8' }).stdout).classes.reduce(
    (acc, c) => acc + c.components.length,
    0,
  );
  console.log(`| ${w.name} | ${components} | ${secs.toFixed(2)} |`);
}
