/**
 * The training lab's phase machine, DOM-free: which phase a lab is in after each event (a button, a worker message, a
 * worker that died), and what its controls allow in each phase. The element (components/widgets/training-lab) only
 * feeds it events and renders what it says; every path out of a failure leads back to a phase where Train works.
 */

export type LabPhase = 'idle' | 'starting' | 'running' | 'paused' | 'done';

export type LabEvent =
  /** Train pressed: a new run is asked of the worker. */
  | 'train'
  /** A progress message of the current run arrived. */
  | 'progress'
  | 'pause'
  | 'resume'
  /** The run reached its last step. */
  | 'finished'
  /** The worker stopped the run at a pause. */
  | 'stopped'
  /** The loss diverged: the run ends with its last good weights. */
  | 'diverged'
  /** The worker reported an error (no backend, a failed import of a chunk while offline, …). */
  | 'error'
  /** The worker itself failed (its script did not load, it crashed): it is dropped, the next Train starts a new one. */
  | 'worker-failed'
  /** Reset pressed: the run and the model are cleared. */
  | 'reset'
  /** A weight file was imported or a stored model restored: a model without a run. */
  | 'loaded';

const ACTIVE: ReadonlySet<LabPhase> = new Set(['starting', 'running', 'paused']);

/** The phase after `event`; `hasModel` says whether the lab holds a model (a snapshot, an import, a restored one). */
export function nextPhase(phase: LabPhase, event: LabEvent, hasModel: boolean): LabPhase {
  const rest: LabPhase = hasModel ? 'done' : 'idle';
  switch (event) {
    case 'train':
      return 'starting';
    case 'progress':
      return phase === 'starting' ? 'running' : phase;
    case 'pause':
      return phase === 'running' || phase === 'starting' ? 'paused' : phase;
    case 'resume':
      return phase === 'paused' ? 'running' : phase;
    case 'finished':
    case 'diverged':
    case 'loaded':
      return 'done';
    case 'stopped':
      return ACTIVE.has(phase) ? 'paused' : phase;
    case 'error':
      return phase === 'starting' || phase === 'running' ? rest : phase;
    case 'worker-failed':
      return ACTIVE.has(phase) ? rest : phase;
    case 'reset':
      return 'idle';
  }
}

/** Whether a run is under way (its worker holds a job). */
export function isActive(phase: LabPhase): boolean {
  return ACTIVE.has(phase);
}

export interface LabControls {
  /** The pause button: enabled, and whether it reads "Resume" (pressed). */
  pause: { enabled: boolean; resume: boolean };
  reset: boolean;
  use: boolean;
  export: boolean;
  /** Train is always available: it starts a new run (and a new worker, if the last one failed). */
  train: boolean;
}

/** What the lab's buttons allow in a phase. */
export function labControls(phase: LabPhase, hasModel: boolean): LabControls {
  const running = phase === 'running' || phase === 'starting';
  return {
    pause: { enabled: running || phase === 'paused', resume: phase === 'paused' },
    reset: phase !== 'idle' || hasModel,
    use: hasModel,
    export: hasModel,
    train: true,
  };
}

/** What the progress line says: the plain states, or `progress` (the step, loss and speed of the last report). */
export type LabLineNote = 'idle' | 'starting' | 'progress' | 'paused' | 'paused-early' | 'finished' | 'restored';
/** What the learned panel says while it has no field of the lab's model to draw (`drawn`: it has one). */
export type LabPanelNote = 'drawn' | 'idle' | 'training' | 'paused' | 'computing' | 'other-world';

export interface LabFacts {
  /** A progress report of the current run has arrived. */
  progress: boolean;
  /** The lab holds a model (a snapshot, an import, a restored one). */
  model: boolean;
  /** That model was trained on the selected world. */
  sameWorld: boolean;
  /** Its field on the selected world is drawn. */
  drawn: boolean;
}

/**
 * The lab's words for its phase, so that they never contradict what happens: "Not trained yet: press Train" only
 * when nothing was trained or is training; a run that has not reached its first snapshot says so; a pause says Resume.
 */
export function labNotes(phase: LabPhase, f: LabFacts): { line: LabLineNote; panel: LabPanelNote } {
  return { line: lineNote(phase, f), panel: panelNote(phase, f) };
}

function lineNote(phase: LabPhase, f: LabFacts): LabLineNote {
  switch (phase) {
    case 'starting':
      return f.progress ? 'progress' : 'starting';
    case 'running':
      return 'progress';
    case 'paused':
      return f.progress ? 'paused' : 'paused-early';
    case 'done':
      return f.progress ? 'finished' : 'restored';
    case 'idle':
      return f.model ? 'restored' : 'idle';
  }
}

function panelNote(phase: LabPhase, f: LabFacts): LabPanelNote {
  if (f.drawn) return 'drawn';
  if (f.model && !f.sameWorld) return 'other-world';
  if (phase === 'starting' || phase === 'running') return 'training';
  if (phase === 'paused') return 'paused';
  return f.model ? 'computing' : 'idle';
}
