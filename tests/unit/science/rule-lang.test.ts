/** The rule language: values by hand, every preset against its lib/ rule, and hostile input refused. */
import { describe, expect, it } from 'vitest';
import { cfg, cfgRescale, guidedEps } from '../../../lib/science';
import { applyRule, compileRule, MAX_RULE_LENGTH, RuleError, ruleProblem } from '../../../lib/science/rule-lang';
import { RULE_PRESETS, presetOf } from '../../../lib/science/rule-presets';
import { apg, cfgPlusPlusEps, dynamicThreshold, fromEps, toEps } from '../../../lib/science/rules';
import { exactFor, expectClose, probes, schedule } from '../equations/helpers';

const inputs = { epsU: [0, 0] as const, epsY: [3, 4] as const, x: [1, 2] as const, s: 2, t: 100, alphaBar: 0.64, alphaBarPrev: 0.9216 };
const run = (text: string) => compileRule(text).evaluate(inputs);
const preset = (id: string) => RULE_PRESETS.find((p) => p.id === id)!.text;

describe('rule language', () => {
  it('evaluates arithmetic, vectors, names, functions and statements by hand', () => {
    expect(run('eps_u + s * (eps_y - eps_u)')).toEqual([6, 8]);
    expect(run('ε_∅ + s * (ε_y - ε_∅)')).toEqual([6, 8]);
    expect(run('[norm(eps_y), dot(eps_y, [1, 1])]')).toEqual([5, 7]);
    expect(run('[sigma, abar]')).toEqual([Math.sqrt(0.36), 0.64]);
    expect(run('[2 ^ 3 ^ 2, -2 ^ 2]')).toEqual([512, -4]);
    expect(run('a = 2; b = a * eps_y; b / 4 - [1, 1]')).toEqual([0.5, 1]);
    expect(run('t > 50 && t <= 100 ? eps_y : eps_u')).toEqual([3, 4]);
    expect(run('t > 100 || s < 1 ? eps_y : eps_u')).toEqual([0, 0]);
    expect(run('clip(eps_y, -1, 3.5)')).toEqual([3, 3.5]);
    expect(run('proj([1, -1], [2, 0])').map((z) => z + 0)).toEqual([1, 0]);
    expectClose(Float64Array.from(run('x0(eps_y)')), Float64Array.of((1 - 1.8) / 0.8, (2 - 2.4) / 0.8));
    expectClose(Float64Array.from(run('eps(x0(eps_y))')), Float64Array.of(3, 4));
    expect(run('[qabs([3, -1], 0.995), max(1, min(2, 3))]')).toEqual([1 + 0.995 * 2, 2]);
  });

  it('refuses bad rules with a message naming the problem', () => {
    const msg = (t: string) => ruleProblem(t);
    expect(msg('eps_u +')).toMatch(/expected a number, a name or “\(” at the end/);
    expect(msg('norm(eps_y)')).toMatch(/must give a vector/);
    expect(msg('eps_y + 1')).toMatch(/two numbers or two vectors/);
    expect(msg('foo')).toMatch(/unknown name “foo”/);
    expect(msg('norm(1)')).toMatch(/argument 1 of norm must be a vector/);
    expect(msg('s = 3; eps_y')).toMatch(/“s” is already defined/);
    expect(msg('')).toMatch(/empty/);
    expect(msg('eps_y ? eps_y : eps_u')).toMatch(/condition needs a number/);
    expect(msg('x'.repeat(MAX_RULE_LENGTH + 1))).toMatch(/at most 600/);
  });

  it('hostile text runs nothing: no property access, no strings, no loops, no calls of values', () => {
    for (const bad of [
      "constructor.constructor('alert(1)')()",
      'while(true){}',
      "fetch('https://example.org')",
      'eps_y.constructor',
      '__proto__',
      'this',
      'globalThis',
      'eps_y[0]',
      '`1`',
      'import("x")',
      'x'.repeat(20000),
      `${'('.repeat(300)}eps_y${')'.repeat(300)}`,
      Array.from({ length: 150 }, () => 'eps_y').join('+'),
    ]) {
      expect(() => compileRule(bad), bad.slice(0, 40)).toThrow(RuleError);
    }
  });

  it('applyRule refuses NaN and infinite results, naming the point; and stops past its time budget', () => {
    const r = compileRule('eps_y / (norm(eps_u))');
    expect(() => applyRule(r, [0, 0], [1, 1], [0.5, 0.25], { s: 1, t: 3, alphaBar: 0.5, alphaBarPrev: 0.6 })).toThrow(
      /infinite value at x_t = \(0.50, 0.25\), t = 3/,
    );
    expect(() => applyRule(compileRule('sqrt(-1) * eps_y'), [0, 0], [1, 1], [0, 0], { s: 1, t: 3, alphaBar: 0.5, alphaBarPrev: 0.6 })).toThrow(
      /not a number at x_t/,
    );
    const n = 5000;
    const z = new Float64Array(2 * n).fill(1);
    expect(() => applyRule(compileRule('eps_y'), z, z, z, { s: 1, t: 3, alphaBar: 0.5, alphaBarPrev: 0.6 }, -1)).toThrow(/took longer than/);
  });

  it('every preset compiles and equals its lib/ rule on the exact world (200 points, 3 timesteps, s = 0, 1, 4.5)', async () => {
    const d = exactFor('branching-tree');
    const xs = probes(200, 11);
    const n = xs.length / 2;
    const ac = schedule.alphasCumprod;
    for (const p of RULE_PRESETS) expect(ruleProblem(p.text), p.id).toBeUndefined();
    for (const t of [20, 300, 800]) {
      const ab = ac[t]!;
      const abp = ac[t - 20]!;
      const eu = d.eps(xs, t, new Int32Array(n).fill(-1));
      const ey = d.eps(xs, t, new Int32Array(n).fill(1));
      for (const s of [0, 1, 4.5]) {
        const sc = { s, t, alphaBar: ab, alphaBarPrev: abp };
        const of = (id: string) => applyRule(compileRule(preset(id)), eu, ey, xs, sc);
        expectClose(of('cfg'), cfg(eu, ey, s), 1e-12);
        expectClose(of('cfg-w'), cfg(eu, ey, s), 1e-12);
        expectClose(of('rescale'), cfgRescale(cfg(eu, ey, s), ey, 0.7), 1e-12);
        expectClose(of('apg'), apg(eu, ey, xs, ab, s, { eta: 0, r: 2.5 }), 1e-9);
        expectClose(of('cfgpp'), cfgPlusPlusEps(eu, ey, ab, abp, 0.4), 1e-9);
        const thr = toEps('x0', dynamicThreshold(fromEps('x0', cfg(eu, ey, s), xs, ab), 0.995, 2.5), xs, ab);
        expectClose(of('threshold'), thr, 1e-9);
      }
      // through guidedEps, with the sampler's ᾱ_prev
      expectClose(await guidedEps(d, xs, t, 1, { s: 3, rule: preset('cfg') }, abp), cfg(eu, ey, 3), 1e-12);
    }
  });

  it('CFG-rescale preset by hand: ε_∅ = 0, ε_y = (3, 4), s = 2: ε̃ = (6, 8) → 0.7 (3, 4) + 0.3 (6, 8) = (3.9, 5.2)', () => {
    expectClose(Float64Array.from(run(preset('rescale'))), Float64Array.of(3.9, 5.2), 1e-12);
    expect(presetOf('  eps_u +   s * (eps_y - eps_u) ')?.id).toBe('cfg');
  });
});
