/** scorefield sample --rule: the rule cell's language on the command line (same parser, same refusals). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { RULE_PRESETS } from '../../../lib/science/rule-presets';

async function cli(...argv: string[]): Promise<{ code: number; err: string; json: any }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, err, json: code === 0 ? JSON.parse(out) : undefined };
}

const base = ['sample', '--world', 'two-gaussians', '--class', 'plus', '--denoiser', 'exact', '--n', '20', '--s', '3', '--seed', '4', '--steps', '20'];

describe('scorefield sample --rule', () => {
  it('the CFG preset gives the samples of plain CFG; the w form too; another rule gives others', async () => {
    const plain = await cli(...base);
    const s = await cli(...base, '--rule', RULE_PRESETS[0]!.text);
    const w = await cli(...base, '--rule', '(1 + w) * ε_y - w * ε_∅');
    expect(s.code).toBe(0);
    expect(s.json.samples).toEqual(plain.json.samples);
    expect(s.json.rule).toBe(RULE_PRESETS[0]!.text);
    for (let i = 0; i < 20; i++) for (let d = 0; d < 2; d++) expect(w.json.samples[i][d]).toBeCloseTo(plain.json.samples[i][d], 10);
    const cond = await cli(...base, '--rule', 'eps_y');
    const s1 = await cli(...base.map((a, i) => (base[i - 1] === '--s' ? '1' : a)));
    expect(cond.json.samples).toEqual(s1.json.samples);
  });

  it('refuses a hostile or broken rule with the reason and exit code 2, and a rule with --rescale', async () => {
    const bad = await cli(...base, '--rule', "constructor.constructor('alert(1)')()");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--rule: unexpected character “\.” at 12/);
    expect((await cli(...base, '--rule', 'norm(eps_y)')).err).toMatch(/must give a vector/);
    expect((await cli(...base, '--rule', 'eps_y', '--rescale', '0.5')).err).toMatch(/without --guidance classifier, --rescale, --interval and --guide-weights/);
  });
});
