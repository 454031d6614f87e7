/**
 * The reader's own model, one per page (and per browser: kept in IndexedDB): the training lab puts a model it trained
 * or imported here ("Use this model"), and every widget whose state says denoiser=trained draws with it through
 * `denoiserFor`. The weight file text is the source of truth; the tfjs model is rebuilt from it on demand (after a
 * reload, or after the tfjs backend was rebuilt), on the page's own backend.
 */
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { parseWeights, worldFingerprint, type LoadedWeights } from '../../../lib/model/weights';
import { LossHistory, type LossPoint } from '../../../lib/views/training-lab';
import { BACKEND_RESET_EVENT, READER_MODEL_EVENT } from './events';
import { trackBackendModel } from './backend-models';

/** A stored model: its weight file and the loss history of its training (empty for an imported file). */
export interface ModelRecord {
  text: string;
  history: LossPoint[];
}

const DB_NAME = 'scorefield';
const STORE = 'models';
/** The model in use on the page ('reader') and the training lab's latest model ('lab'). */
export type RecordKey = 'reader' | 'lab';

let db: Promise<IDBDatabase> | undefined;
function openDb(): Promise<IDBDatabase> {
  db ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
  db.catch(() => (db = undefined));
  return db;
}

/** A stored record, or undefined (none, storage unavailable, or malformed). Never throws. */
export async function loadRecord(key: RecordKey): Promise<ModelRecord | undefined> {
  try {
    const d = await openDb();
    const value = await new Promise<unknown>((resolve, reject) => {
      const req = d.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (typeof value !== 'object' || value === null || typeof (value as ModelRecord).text !== 'string') return undefined;
    return { text: (value as ModelRecord).text, history: LossHistory.fromJSON((value as ModelRecord).history).toJSON() };
  } catch {
    return undefined;
  }
}

/** Stores a record; false when storage is unavailable (private mode, quota), which the caller may mention. */
export async function saveRecord(key: RecordKey, record: ModelRecord): Promise<boolean> {
  try {
    const d = await openDb();
    await new Promise<void>((resolve, reject) => {
      const tx = d.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put({ text: record.text, history: record.history }, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    return true;
  } catch {
    return false;
  }
}

interface Current {
  record: ModelRecord;
  weights: LoadedWeights;
  model?: LearnedDenoiser;
}
let current: Promise<Current | null> | undefined;

/** The page's reader model (loaded from IndexedDB on first use, validated); null when there is none. */
export function readerModel(): Promise<Current | null> {
  current ??= loadRecord('reader').then((record) => {
    if (!record) return null;
    try {
      return { record, weights: parseWeights(record.text) };
    } catch {
      return null; // a stored file that no longer validates is ignored
    }
  });
  return current;
}

/**
 * Makes a weight file the page's reader model: validated first (throws WeightFileError and changes nothing when it is
 * bad), stored, and announced so that widgets showing "your model" recompute. A model of the same architecture is
 * updated in place (no tensors created or freed); another one replaces the old model, which is freed.
 */
export async function setReaderModel(record: ModelRecord): Promise<{ stored: boolean }> {
  const weights = parseWeights(record.text);
  const old = await readerModel();
  const next: Current = { record, weights };
  const sameArch = old?.model && JSON.stringify(old.weights.architecture) === JSON.stringify(weights.architecture);
  if (old?.model && sameArch) {
    old.model.model.setValues(weights.values);
    next.model = new LearnedDenoiser(old.model.model, old.model.schedule, (({ values: _v, ...meta }) => meta)(weights));
  } else old?.model?.model.dispose();
  current = Promise.resolve(next);
  const stored = await saveRecord('reader', record);
  document.dispatchEvent(new CustomEvent(READER_MODEL_EVENT));
  return { stored };
}

/** Why the reader model cannot be drawn for a world and schedule, or undefined when it can. */
export function readerModelMismatch(weights: LoadedWeights, world: { name: string; fingerprint: string }, schedule: string): 'world' | 'schedule' | undefined {
  if (weights.world.fingerprint !== world.fingerprint) return 'world';
  if (weights.schedule.name !== schedule) return 'schedule';
  return undefined;
}

/** The reader model as a denoiser on the page's tfjs backend, or why it cannot be used (none, another world). */
export async function readerDenoiser(
  world: Parameters<typeof worldFingerprint>[0],
  schedule: string,
  backendOverride?: string,
): Promise<
  { denoiser: LearnedDenoiser; backend: string; trainedOn?: undefined } | { denoiser?: undefined; why: 'none' | 'world' | 'schedule'; trainedOn?: string }
> {
  const cur = await readerModel();
  if (!cur) return { why: 'none' };
  const mismatch = readerModelMismatch(cur.weights, { name: world.name, fingerprint: worldFingerprint(world) }, schedule);
  if (mismatch) return { why: mismatch, trainedOn: mismatch === 'world' ? cur.weights.world.name : cur.weights.schedule.name };
  const { pageBackend } = await import('./learned');
  const choice = await pageBackend(backendOverride);
  cur.model ??= trackBackendModel(LearnedDenoiser.fromWeights(cur.weights));
  return { denoiser: cur.model, backend: choice.summary };
}

// A rebuilt backend lost every tensor: rebuild the model from its weight file on next use (the old one was disposed by
// the context-loss handler, shared/backend-models.ts).
if (typeof document !== 'undefined') {
  document.addEventListener(BACKEND_RESET_EVENT, () => {
    void current?.then((c) => {
      if (c) c.model = undefined;
    });
  });
}
