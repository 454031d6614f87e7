import { describe, expect, it } from 'vitest';
import { isActive, labControls, nextPhase, type LabEvent, type LabPhase } from '../../../lib/views/lab-phase';

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
});
