import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli';
import { BUILTIN_WORLDS, ExactDenoiser, cfg, getBuiltinWorld, makeSchedule } from '../../../lib/science';
import { encodeWorldDoc, worldOfDoc } from '../../../lib/science/world-code';
import { worldFileText } from '../../../lib/science/world-format';

const dir = mkdtempSync(join(tmpdir(), 'scorefield-cli-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('scorefield commands', () => {
  it('worlds lists the built-in worlds with descriptions and class names', async () => {
    const { code, json } = await cli('worlds');
    expect(code).toBe(0);
    expect(json.worlds.map((w: any) => w.name)).toEqual(Object.keys(BUILTIN_WORLDS));
    expect(json.worlds[0].classes).toEqual(['minus', 'plus']);
  });

  it('world prints a built-in world, and a world file normalised', async () => {
    expect((await cli('world', '--world', 'minor-mode')).json).toEqual(getBuiltinWorld('minor-mode'));
    const unit = [
      [1, 0],
      [0, 1],
    ];
    const comp = (weight: number, mean: number[]) => ({ weight, mean, cov: unit });
    const path = file('w.json', {
      name: 'mine',
      classes: [
        { name: 'a', prior: 1, components: [comp(3, [0, 0]), comp(1, [1, 1])] },
        { name: 'b', prior: 3, components: [comp(1, [2, 0])] },
      ],
    });
    const { json } = await cli('world', '--world', path);
    expect(json.classes.map((c: any) => c.prior)).toEqual([0.25, 0.75]);
    expect(json.classes[0].components.map((k: any) => k.weight)).toEqual([0.75, 0.25]);
  });

  it('world takes the page world editor’s exported file and its URL code alike (the same world)', async () => {
    const doc = {
      name: 'made on the page',
      description: '',
      classes: [
        { name: 'a', prior: 2, components: [{ x: -1, y: 0.5, sx: 0.6, sy: 0.3, angle: 30, weight: 1000 }] },
        { name: 'b', prior: 1, components: [{ x: 1, y: 0, sx: 0.4, sy: 0.4, angle: 0, weight: 1 }] },
      ],
    };
    const fromCode = await cli('world', '--world', encodeWorldDoc(doc));
    const fromFile = await cli('world', '--world', file('page.json', worldFileText(worldOfDoc(doc))));
    expect(fromCode.code).toBe(0);
    expect(fromFile.json).toEqual(fromCode.json);
    expect(fromCode.json.classes.map((c: any) => c.prior)).toEqual([2 / 3, 1 / 3]);
    const bad = await cli('world', '--world', 'w.AAAA');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--world w\.AAAA…: version: unknown version 0/);
  });

  it('schedule prints T = 1000 betas and alphasCumprod (linear: β from 1e-4 to 0.02)', async () => {
    const { json } = await cli('schedule');
    expect(json.betas).toHaveLength(1000);
    expect(json.betas[0]).toBeCloseTo(1e-4, 15);
    expect(json.betas[999]).toBeCloseTo(0.02, 15);
    expect(json.alphasCumprod[999]).toBeCloseTo(Array.from(makeSchedule('linear').alphasCumprod)[999]!, 15);
    expect((await cli('schedule', '--schedule', 'cosine')).json.schedule).toBe('cosine');
  });

  it('sample prints samples and the settings used; the same seed gives the same samples', async () => {
    const args = ['sample', '--world', 'three-spirals', '--class', 'blue', '--s', '3', '--n', '50', '--steps', '20', '--seed', '4'];
    const a = await cli(...args);
    expect(a.code).toBe(0);
    expect(a.json.samples).toHaveLength(50);
    expect(a.json).toMatchObject({
      world: 'three-spirals',
      class: 'blue',
      classIndex: 2,
      s: 3,
      sampler: 'ddim',
      eta: 0,
      steps: 20,
      n: 50,
      seed: 4,
      schedule: 'linear',
      denoiser: 'exact',
      guidance: 'cfg',
    });
    expect((await cli(...args)).json.samples).toEqual(a.json.samples);
    const b = await cli(
      'sample',
      '--world',
      'two-gaussians',
      '--class',
      '1',
      '--s',
      '2',
      '--n',
      '20',
      '--sampler',
      'ddpm',
      '--steps',
      '30',
      '--negative',
      'minus',
      '--interval',
      '0,500',
      '--rescale',
      '0.5',
    );
    expect(b.json).toMatchObject({ negative: 'minus', interval: [0, 500], rescale: 0.5, eta: null, sampler: 'ddpm' });
    const c = await cli('sample', '--world', 'two-gaussians', '--class', 'plus', '--s', '4', '--n', '20', '--guidance', 'classifier', '--steps', '10');
    const d = await cli('sample', '--world', 'two-gaussians', '--class', 'plus', '--s', '4', '--n', '20', '--steps', '10');
    // Exact classifier guidance is CFG: same samples up to rounding.
    c.json.samples.flat().forEach((v: number, i: number) => expect(v).toBeCloseTo(d.json.samples.flat()[i], 9));
  });

  it('--out FILE writes the JSON there and nothing on stdout', async () => {
    const out = join(dir, 'out.json');
    const r = await cli('sample', '--world', 'two-gaussians', '--class', '0', '--s', '1', '--n', '5', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).samples).toHaveLength(5);
  });

  it('field prints grid points with ε_∅, ε_y and ε̃ = ε_∅ + s(ε_y − ε_∅) of the exact model', async () => {
    const { json } = await cli('field', '--world', 'minor-mode', '--class', 'a', '--s', '3', '--t', '300', '--grid', '4', '--extent', '-2,2,-1,1');
    expect(json.points).toHaveLength(16);
    expect(json.points[0]).toEqual([-1.5, -0.75]);
    const exact = new ExactDenoiser(getBuiltinWorld('minor-mode')!, makeSchedule('linear'));
    const pts = Float64Array.from(json.points.flat());
    const want = cfg(exact.epsUncond(pts, 300), exact.epsCond(pts, 300, 0), 3);
    json.epsGuided.flat().forEach((v: number, i: number) => expect(v).toBeCloseTo(want[i]!, 12));
    expect(json.epsCond.flat()[3]).toBeCloseTo(exact.epsCond(pts, 300, 0)[3]!, 12);
  });

  it('metrics reads a sample file and reports fidelity, diversity, NLL and sliced Wasserstein', async () => {
    const out = join(dir, 'samples.json');
    await cli('sample', '--world', 'two-gaussians', '--class', 'plus', '--s', '5', '--n', '300', '--out', out);
    const { code, json } = await cli('metrics', '--world', 'two-gaussians', '--class', 'plus', '--samples', out);
    expect(code).toBe(0);
    expect(json.n).toBe(300);
    expect(json.fidelity).toBeGreaterThan(0.99);
    expect(json.componentCoverage).toBe(1);
    expect(Number.isFinite(json.logDetCov) && Number.isFinite(json.meanNll) && json.slicedWasserstein > 0).toBe(true);
    const bare = file('bare.json', [
      [1, 0],
      [1.2, 0.3],
      [0.7, -0.2],
    ]);
    expect((await cli('metrics', '--world', 'two-gaussians', '--class', '1', '--samples', bare)).json.n).toBe(3);
  });
});

describe('bad arguments are refused on stderr with exit code 2 and a message naming the flag', () => {
  const base = ['--world', 'two-gaussians', '--class', 'plus'];
  const cases: [string[], RegExp][] = [
    [['sample', ...base, '--s', '2', '--bogus', '1'], /unknown flag --bogus; allowed: --world/],
    [['sample', ...base], /--s is required: 1 to 64 comma-separated numbers in \[-10, 50\]/],
    [['sample', ...base, '--s', '51'], /--s must be 1 to 64 comma-separated numbers in \[-10, 50\], got "51"/],
    [['sample', ...base, '--s', 'abc'], /--s must be 1 to 64 comma-separated numbers/],
    [['sample', ...base, '--s', 'Infinity'], /--s must be 1 to 64 comma-separated numbers/],
    [['sample', ...base, '--s', '1,,3'], /--s must be 1 to 64 comma-separated numbers/],
    [['sample', ...base, '--s'], /--s needs a value/],
    [['sample', ...base, '--s', '2', '--s', '3'], /--s is given twice/],
    [['sample', ...base, '--s', '2', '--steps', '0'], /--steps must be an integer in \[1, 1000\], got "0"/],
    [['sample', ...base, '--s', '2', '--steps', '1.5'], /--steps must be an integer/],
    [['sample', ...base, '--s', '2', '--n', '100001'], /--n must be an integer in \[1, 100000\]/],
    [['sample', ...base, '--s', '2', '--seed', '-1'], /--seed must be an integer in \[0, 4294967295\]/],
    [['sample', ...base, '--s', '2', '--eta', '1.5'], /--eta must be a number in \[0, 1\]/],
    [['sample', ...base, '--s', '2', '--sampler', 'ddpm', '--eta', '0.5'], /--eta applies to --sampler ddim only/],
    [['sample', ...base, '--s', '2', '--sampler', 'euler'], /--sampler must be one of ddim, ddpm, heun, got "euler"/],
    [['sample', ...base, '--s', '2', '--interval', '500,100'], /--interval must be TLO,THI: 2 comma-separated integers in \[0, 999\], TLO ≤ THI/],
    [['sample', ...base, '--s', '2', '--interval', '100'], /--interval must be TLO,THI/],
    [['sample', ...base, '--s', '2', '--rescale', '2'], /--rescale must be a number in \[0, 1\]/],
    [['sample', ...base, '--s', '2', '--guidance', 'classifier', '--negative', 'minus'], /--negative applies to --guidance cfg only/],
    [
      ['sample', ...base, '--s', '2', '--negative', 'zero'],
      /--negative must be a class of two-gaussians: a name \(minus, plus\) or an index in \[0, 1\], got "zero"/,
    ],
    [['sample', '--world', 'two-gaussians', '--class', '2', '--s', '1'], /--class must be a class of two-gaussians/],
    [
      ['sample', '--world', 'nowhere', '--class', '0', '--s', '1'],
      /--world must be a built-in world \(two-gaussians, .*\), a world JSON file, or a world code w.… from the page.s world editor; "nowhere" is neither/,
    ],
    [['sample', ...base, '--s', '2', '--denoiser', 'learned', '--weights', '/nonexistent/w.json'], /--weights|not available yet/],
    [['sample', ...base, '--s', '2', '--weights', 'w.json'], /--weights applies to --denoiser learned only/],
    [['sample', ...base, '--s', '2', 'extra'], /unexpected argument "extra"/],
    [['field', ...base, '--s', '2'], /--t is required: 1 to 64 comma-separated integers in \[0, 999\]/],
    [['field', ...base, '--s', '2', '--t', '1000'], /--t must be 1 to 64 comma-separated integers in \[0, 999\]/],
    [['field', ...base, '--s', '2', '--t', '5', '--grid', '1'], /--grid must be an integer in \[2, 256\]/],
    [
      ['field', ...base, '--s', '2', '--t', '5', '--extent', '1,0,0,1'],
      /--extent must be X0,X1,Y0,Y1: 4 comma-separated numbers in \[-1000, 1000\], X0 < X1, Y0 < Y1/,
    ],
    [['schedule', '--schedule', 'quadratic'], /--schedule must be one of linear, cosine/],
    [['metrics', ...base], /--samples is required/],
    [['metrics', ...base, '--samples', '/nonexistent/s.json'], /--samples: cannot read/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [argv, message] of cases) {
    it(
      argv
        .slice(1)
        .filter((a) => !base.includes(a))
        .join(' ') || argv[0]!,
      async () => {
        const r = await cli(...argv);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err).toMatch(message);
      },
    );
  }

  it('a hostile world file is refused with the field and the reason', async () => {
    const bad = file('bad.json', {
      name: 'bad',
      classes: [
        {
          name: 'a',
          prior: 1,
          components: [
            {
              weight: 1,
              mean: [0, 0],
              cov: [
                [1, 2],
                [2, 1],
              ],
            },
          ],
        },
        {
          name: 'b',
          prior: 1,
          components: [
            {
              weight: 1,
              mean: [0, 0],
              cov: [
                [1, 0],
                [0, 1],
              ],
            },
          ],
        },
      ],
    });
    const r = await cli('world', '--world', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--world .*bad\.json: classes\[0\]\.components\[0\]\.cov: not positive definite/);
    const broken = await cli('world', '--world', file('broken.json', '{"name": '));
    expect(broken.err).toMatch(/not valid JSON at line 1, column 10/);
    expect(broken.err).not.toMatch(/--help lists the flags/); // bad data, not a bad flag
    const multiline = await cli('world', '--world', file('broken2.json', '{\n  "name": "x",\n  "classes": [,]\n}'));
    expect(multiline.err).toMatch(/line 3, column 15/);
    const typoWorld = JSON.parse(JSON.stringify(getBuiltinWorld('two-gaussians')));
    typoWorld.classes[0].components[0].covariance = typoWorld.classes[0].components[0].cov;
    const typo = await cli('world', '--world', file('typo.json', typoWorld));
    expect(typo.err).toMatch(/classes\[0\]\.components\[0\]\.covariance: unknown key/);
    const samples = file('badsamples.json', {
      samples: [
        [0, 0],
        [1, 'x'],
      ],
    });
    expect((await cli('metrics', ...base, '--samples', samples)).err).toMatch(/samples\[1\] must be \[x, y\] with two finite numbers/);
  });

  it('no command prints the usage on stderr with exit code 2; --help prints flags with exit code 0', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/usage: scorefield <command>/);
    const help = await cli('sample', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--interval .*TLO,THI/);
  });
});

describe('bin/scorefield.mjs', () => {
  it('runs the command line from the project root (exit codes 0 and 2)', () => {
    const ok = spawnSync(process.execPath, ['bin/scorefield.mjs', 'worlds'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).worlds.length).toBeGreaterThanOrEqual(4);
    const bad = spawnSync(process.execPath, ['bin/scorefield.mjs', 'schedule', '--schedule', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--schedule must be one of linear, cosine/);
  });
});
