import { describe, expect, it } from 'vitest';
import { isActive, labControls, labNotes, nextPhase, type LabEvent, type LabPhase } from '../../../lib/views/lab-phase';

const run = (events: LabEvent[], hasModel = false, from: LabPhase = 'idle'): LabPhase => events.reduce((p, e) => nextPhase(p, e, hasModel), from);

describe('training lab phase machine', () => {
  it('a normal run: idle → starting → running → paused → running → done', () => {
    expect(run(['train'])).toBe('starting');
    expect(run(['train', 'progress'])).toBe('running');
    expect(run(['train', 'progress', 'pause'])).toBe('paused');
    expect(run(['train', 'progress', 'pause', 'resume'])).toBe('running');
    expect(run(['train', 'progress', 'finished'])).toBe('done');
    expect(run(['train', 'progress', 'stopped'])).toBe('paused');
  });

  it('a worker that fails while starting (offline Train, issue #16 item 7) leaves a phase where Train works again', () => {
    expect(run(['train', 'worker-failed'])).toBe('idle');
    expect(run(['train', 'worker-failed'], true)).toBe('done');
    expect(run(['train', 'progress', 'worker-failed'])).toBe('idle');
    expect(run(['train', 'progress', 'pause', 'worker-failed'], true)).toBe('done');
    expect(isActive(run(['train', 'worker-failed']))).toBe(false);
    expect(labControls(run(['train', 'worker-failed']), false)).toEqual({
      pause: { enabled: false, resume: false },
      reset: false,
      use: false,
      export: false,
      train: true,
    });
    // and the next Train starts a run
    expect(run(['train', 'worker-failed', 'train', 'progress'])).toBe('running');
  });

  it('a worker error ends a starting or running run, but not a finished one', () => {
    expect(run(['train', 'error'])).toBe('idle');
    expect(run(['train', 'progress', 'error'], true)).toBe('done');
    expect(run(['train', 'progress', 'finished', 'error'])).toBe('done');
    expect(run(['error'])).toBe('idle');
  });

  it('reset always returns to idle; loading a file or a stored model gives done', () => {
    for (const from of ['idle', 'starting', 'running', 'paused', 'done'] as LabPhase[]) {
      expect(nextPhase(from, 'reset', true)).toBe('idle');
      expect(nextPhase(from, 'loaded', false)).toBe('done');
    }
  });

  it('controls follow the phase', () => {
    expect(labControls('running', false).pause).toEqual({ enabled: true, resume: false });
    expect(labControls('paused', true).pause).toEqual({ enabled: true, resume: true });
    expect(labControls('idle', false).reset).toBe(false);
    expect(labControls('idle', true)).toMatchObject({ reset: true, use: true, export: true });
  });

  describe('labNotes: the words match the phase (issue #19: never "press Train" while training)', () => {
    const none = { progress: false, model: false, sameWorld: true, drawn: false };
    it('says "not trained" only when idle without a model', () => {
      expect(labNotes('idle', none)).toEqual({ line: 'idle', panel: 'idle' });
      for (const phase of ['starting', 'running', 'paused', 'done'] as LabPhase[]) {
        expect(labNotes(phase, none).line).not.toBe('idle');
        if (phase !== 'done') expect(labNotes(phase, { ...none, progress: true }).panel).not.toBe('idle');
      }
      // done without a model: a run that diverged before its first snapshot has nothing to show
      expect(labNotes('done', { ...none, progress: true }).panel).toBe('idle');
    });
    it('each phase of a first run, before its first snapshot', () => {
      expect(labNotes(run(['train']), none)).toEqual({ line: 'starting', panel: 'training' });
      expect(labNotes(run(['train', 'progress']), { ...none, progress: true })).toEqual({ line: 'progress', panel: 'training' });
      expect(labNotes(run(['train', 'pause']), none)).toEqual({ line: 'paused-early', panel: 'paused' });
      expect(labNotes(run(['train', 'progress', 'pause']), { ...none, progress: true })).toEqual({ line: 'paused', panel: 'paused' });
    });
    it('after snapshots, at the end, and for a restored or imported model', () => {
      const drawn = { progress: true, model: true, sameWorld: true, drawn: true };
      expect(labNotes('running', drawn)).toEqual({ line: 'progress', panel: 'drawn' });
      expect(labNotes('done', drawn)).toEqual({ line: 'finished', panel: 'drawn' });
      expect(labNotes('done', { ...drawn, progress: false, drawn: false })).toEqual({ line: 'restored', panel: 'computing' });
      expect(labNotes('done', { ...drawn, progress: false, drawn: false, sameWorld: false }).panel).toBe('other-world');
      expect(labNotes(run(['train', 'progress', 'finished', 'reset']), none)).toEqual({ line: 'idle', panel: 'idle' });
    });
  });
});
