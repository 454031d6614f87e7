import { describe, expect, it } from 'vitest';
import { parameterSummary, printNote, printText } from '../../../lib/embed/print';

describe('printed figures in words', () => {
  it('names each control by the schema label, once, in order, and leaves unknown keys out', () => {
    const text = parameterSummary([
      { key: 's', value: '3' },
      { key: 't', value: ' 300 ' },
      { key: 's', value: '9' },
      { key: 'bogus', value: 'x' },
      { key: 'world', value: 'two-gaussians' },
    ]);
    expect(text).toBe('Settings: guidance scale s = 3 · timestep t = 300 · world = two-gaussians');
    expect(parameterSummary([{ key: 'toString', value: 'x' }])).toBe('');
    expect(parameterSummary([{ key: 'world', value: 'w'.repeat(80) }])).toBe(`Settings: world = ${'w'.repeat(59)}…`);
  });

  it('a figure not ready says whether anything was drawn', () => {
    expect(printNote(true, 0)).toBe('');
    expect(printNote(false, 2)).toBe(printText.notReady);
    expect(printNote(false, 0)).toBe(printText.notDrawn);
  });
});
