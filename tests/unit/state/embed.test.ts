import { describe, expect, it } from 'vitest';
import { RESIZE_MESSAGE, SET_MESSAGE, embedSnippet, readSetCommand, resizeMessages } from '../../../lib/state/embed';
import { parseNotebookQuery } from '../../../lib/state/notebook';

describe('embedding', () => {
  it('writes an iframe snippet with an escaped source and a resize listener', () => {
    const code = embedSnippet('https://x.org/embed/score-field/?s=7.5&t=400"><script>', 'score-field');
    expect(code).toContain('src="https://x.org/embed/score-field/?s=7.5&amp;t=400&quot;>&lt;script>"');
    expect(code).toContain('title="scorefield: score field"');
    expect(code).toContain(RESIZE_MESSAGE);
  });

  it('reports its height in the common formats', () => {
    const [own, generic, embedly] = resizeMessages(640.2, 'https://x.org/e/');
    expect(own).toEqual({ type: RESIZE_MESSAGE, height: 641 });
    expect(generic).toEqual({ type: 'resize', height: 641 });
    expect(JSON.parse(embedly as string)).toEqual({ src: 'https://x.org/e/', context: 'iframe.resize', height: 641 });
  });

  it('reads state commands and validates them like a URL', () => {
    const cmd = readSetCommand({ type: SET_MESSAGE, state: { s: 99, t: 'abc', y: 1 } });
    expect(cmd && 'query' in cmd).toBe(true);
    const { state, notices } = parseNotebookQuery((cmd as { query: string }).query);
    expect(state.s).toBe(15);
    expect(state.y).toBe(1);
    expect(notices.map((n) => n.param).sort()).toEqual(['s', 't']);
  });

  it('refuses malformed commands with a reason and ignores other messages', () => {
    expect(readSetCommand('hello')).toBeNull();
    expect(readSetCommand({ type: 'other' })).toBeNull();
    expect(readSetCommand({ type: SET_MESSAGE })).toEqual({ error: 'the command has no state object' });
    expect(readSetCommand({ type: SET_MESSAGE, state: [1] })).toEqual({ error: 'the command has no state object' });
    expect(readSetCommand({ type: SET_MESSAGE, state: { s: { toString: 1 } } })).toEqual({ error: 'the value of "s" is not a number, string or boolean' });
  });
});
