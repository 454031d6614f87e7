import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNotice } from '../../../components/widgets/shared/notices';
import { readHostCommand } from '../../../lib/embed/host-api';
import { NOTEBOOK_SCHEMA, defaultNotebookState, notebookQuery, parseNotebookQuery, reconcile, type NotebookState } from '../../../lib/state/notebook';
import { limitLines } from '../../../lib/text/limit';
import { FUZZ_SEED, hostMessage, hostileQuery } from './arbitraries';

/** Every value of a state lies in its schema: finite numbers in range, enums from their lists, booleans. */
function stateProblems(st: NotebookState): string[] {
  const out: string[] = [];
  for (const [k, spec] of Object.entries(NOTEBOOK_SCHEMA)) {
    const v = (st as Record<string, unknown>)[k];
    if (spec.kind === 'number' && !(typeof v === 'number' && Number.isFinite(v) && v >= spec.min && v <= spec.max)) out.push(`${k} = ${String(v)}`);
    if (spec.kind === 'enum' && !(spec.values as readonly unknown[]).includes(v)) out.push(`${k} = ${String(v)}`);
    if (spec.kind === 'bool' && typeof v !== 'boolean') out.push(`${k} = ${String(v)}`);
  }
  return out;
}

/** What a notice box would show for these notices: short, no NaN/Infinity/undefined produced by the parser. */
function shownText(notices: Parameters<typeof formatNotice>[0][]): string {
  return limitLines(notices.map(formatNotice)).join('\n');
}

describe('fuzz: the URL state parser (issue #16; 1,000 hostile query strings)', () => {
  it('never throws, always yields a valid state, short notices, and round-trips', () => {
    fc.assert(
      fc.property(hostileQuery, (q) => {
        const { state, notices } = parseNotebookQuery(q);
        expect(stateProblems(state)).toEqual([]);
        expect(shownText(notices).length).toBeLessThan(2000);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
        const again = parseNotebookQuery(notebookQuery(state));
        expect(again.state).toEqual(state);
        expect(again.notices).toEqual([]);
      }),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });
});

describe('fuzz: host messages to an embed (1,000 messages)', () => {
  it('are ignored, refused with a short reason, or applied as a valid state', () => {
    fc.assert(
      fc.property(hostMessage, (data) => {
        const current = defaultNotebookState();
        const cmd = readHostCommand(data, current);
        if (cmd === null || cmd.kind === 'get') return;
        if (cmd.kind === 'error') {
          expect(cmd.message.length).toBeLessThan(200);
          return;
        }
        const { state, notices } = reconcile({ ...current, ...cmd.patch });
        expect(stateProblems(state)).toEqual([]);
        expect(notices).toEqual([]);
        expect(shownText(cmd.notices).length).toBeLessThan(2000);
      }),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });
});
