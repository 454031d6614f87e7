/**
 * The weight file format, version 1 (documented in lib/model/README.md). A JSON object:
 *
 * {
 *   "format": "scorefield-weights", "version": 1,
 *   "world": { "name": "two-gaussians", "fingerprint": "a1b2c3d4", "definition": { …World… } },
 *   "schedule": { "name": "linear", "T": 1000 },
 *   "architecture": { "conditioning": "adanorm", "numClasses": 2, "T": 1000, "hidden": 64, … },
 *   "training": { "pUncond": 0.1, "steps": 4000, "seed": 1, "finalLoss": 0.31, "batchSize": 256, … },
 *   "tensors": { "time.1.w": { "shape": [32, 64], "data": "<base64 of little-endian float32>" }, … },
 *   "checksum": "crc32 hex of all tensor bytes, in parameter order"
 * }
 *
 * `parseWeights` validates everything and builds plain Float32Arrays; it never touches a model.
 * Only then does a caller build a new model from it (`DenoiserModel.fromValues`) or replace the
 * values of one in use (`model.setValues`, which checks again before assigning anything).
 */
import type { World } from '../science/types';
import { SCHEDULE_NAMES, type ScheduleName } from '../science/schedule';
import { normaliseWorld, parseWorld } from '../science/world-format';
import { architectureProblems, parameterSpecs, type Architecture } from './network';
import { DROPOUT_MODES, type DropoutMode } from './conditioning';

export const WEIGHTS_FORMAT = 'scorefield-weights';
export const WEIGHTS_VERSION = 1;

/** How the weights were trained: stored for the reader and for reproducibility. */
export interface TrainingInfo {
  /** Probability of ∅ during training (condition dropout). */
  pUncond: number;
  /** How the dropout entered the loss (lib/model/train.ts `DropoutMode`); absent in older files: 'sampled'. */
  dropout?: DropoutMode;
  /** Optimisation steps done. */
  steps: number;
  /** Seed of initial weights and batches. */
  seed: number;
  /** Mean training loss over the last (up to) 100 steps. */
  finalLoss: number;
  batchSize: number;
  /** Peak and final learning rate, warm-up steps (linear warm-up, cosine decay). */
  lr: number;
  lrFinal: number;
  warmupSteps: number;
  /** EMA decay (0 = none); when > 0 the stored tensors are the EMA weights. */
  ema: number;
  clipNorm: number;
  /** Noise-level sampling and its log-normal parameters (lib/model/noise-levels.ts); absent: uniform t. */
  noise?: 'uniform' | 'lognormal';
  pMean?: number;
  pStd?: number;
  /** Learned per-noise-level loss weighting (lib/model/train.ts); absent: none. */
  lossWeighting?: 'none' | 'learned';
  weightBins?: number;
  /** tfjs backend used for training. */
  backend?: string;
  /** Wall-clock seconds of training. */
  seconds?: number;
}

export interface WeightMeta {
  world: { name: string; fingerprint: string; definition: World };
  schedule: { name: ScheduleName; T: number };
  architecture: Architecture;
  training: TrainingInfo;
}

/** A validated weight file: metadata plus the parameter values by name. */
export interface LoadedWeights extends WeightMeta {
  values: Map<string, Float32Array>;
}

/** What a caller expects of a file; any mismatch is refused. */
export interface WeightExpectations {
  /** The world it must have been trained on (compared by fingerprint: classes, priors, components). */
  world?: World;
  conditioning?: Architecture['conditioning'];
  /** The full architecture, e.g. that of a model whose values are to be replaced. */
  architecture?: Architecture;
  schedule?: { name: ScheduleName; T: number };
}

export class WeightFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'WeightFileError';
  }
}

// ---------- bytes: base64, CRC-32, float32 ----------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${B64[n >> 18]! + B64[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!}=`;
  }
  return out;
}

/** Strict base64 decoding: throws on a bad length or character. */
export function base64ToBytes(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new Error(`base64 length ${s.length} is not a multiple of 4`);
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = s.charCodeAt(i + j);
      let v: number;
      if (ch === 61 /* = */ && i + 4 === s.length && j >= 4 - pad) v = 0;
      else {
        v = ch < 128 ? B64_INDEX[ch]! : -1;
        if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(s[i + j])} at ${i + j}`);
      }
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) over a sequence of byte arrays, as 8 hex digits. */
export function crc32Hex(chunks: Iterable<Uint8Array>): string {
  let c = 0xffffffff;
  for (const bytes of chunks) for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function floatsToBytes(v: Float32Array): Uint8Array {
  const bytes = new Uint8Array(v.length * 4);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < v.length; i++) dv.setFloat32(4 * i, v[i]!, true);
  return bytes;
}

function bytesToFloats(b: Uint8Array): Float32Array {
  if (LITTLE_ENDIAN) return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float32Array(b.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}

// ---------- world fingerprint ----------

/**
 * A fingerprint of what a model learns from a world: class names, priors and components
 * (not the name or description) of the normalised world, rounded to 9 significant digits (so
 * that re-normalising a parsed definition does not change it), as the CRC-32 of a canonical JSON text.
 */
export function worldFingerprint(world: World): string {
  const r = (x: number): number => Number(x.toPrecision(9));
  const canon = normaliseWorld(world).classes.map((c) => ({
    name: c.name,
    prior: r(c.prior),
    components: c.components.map((k) => ({
      weight: r(k.weight),
      mean: [r(k.mean[0]), r(k.mean[1])],
      cov: [r(k.cov[0][0]), r(k.cov[0][1]), r(k.cov[1][0]), r(k.cov[1][1])],
    })),
  }));
  const text = JSON.stringify(canon);
  const bytes = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    // text is ASCII apart from class names; encode UTF-16 code units as up to 3 bytes (enough for a stable hash)
    const c = text.charCodeAt(i);
    if (c < 128) bytes[n++] = c;
    else {
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    }
  }
  return crc32Hex([bytes.subarray(0, n)]);
}

// ---------- write ----------

/** Serialises weights to the version-1 JSON object (call JSON.stringify on it, or use `stringifyWeights`). */
export function encodeWeights(meta: WeightMeta, values: Map<string, Float32Array>): Record<string, unknown> {
  const tensors: Record<string, { shape: number[]; data: string }> = {};
  const chunks: Uint8Array[] = [];
  for (const s of parameterSpecs(meta.architecture)) {
    const v = values.get(s.name);
    const size = s.shape.reduce((a, b) => a * b, 1);
    if (!v || v.length !== size) throw new WeightFileError(`cannot write ${s.name}: expected ${size} values, got ${v ? v.length : 'none'}`);
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) throw new WeightFileError(`cannot write ${s.name}: non-finite value at ${i}`);
    const bytes = floatsToBytes(v);
    chunks.push(bytes);
    tensors[s.name] = { shape: s.shape, data: bytesToBase64(bytes) };
  }
  return {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    world: { name: meta.world.definition.name, fingerprint: worldFingerprint(meta.world.definition), definition: meta.world.definition },
    schedule: meta.schedule,
    architecture: meta.architecture,
    training: meta.training,
    tensors,
    checksum: crc32Hex(chunks),
  };
}

/** The weight file as text: metadata pretty-printed at the top, tensors one per line. */
export function stringifyWeights(meta: WeightMeta, values: Map<string, Float32Array>): string {
  const obj = encodeWeights(meta, values);
  const { tensors, ...rest } = obj as { tensors: Record<string, unknown> } & Record<string, unknown>;
  const head = JSON.stringify(rest, null, 1);
  const lines = Object.entries(tensors).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `${head.slice(0, -2)},\n "tensors": {\n${lines.join(',\n')}\n }\n}\n`;
}

// ---------- read + validate ----------

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function finiteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Parses and validates a weight file (its text, or the parsed JSON value). Throws a
 * WeightFileError listing what is wrong: not JSON / truncated, another format or version,
 * missing or malformed metadata, another world or architecture than expected, missing, extra
 * or misshapen tensors, bad base64, a checksum mismatch, NaN or ±Inf values.
 */
export function parseWeights(input: string | unknown, expect: WeightExpectations = {}): LoadedWeights {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new WeightFileError(`weight file is not valid JSON (truncated or corrupted?): ${(e as Error).message}`);
    }
  }
  if (!isObj(data)) throw new WeightFileError('weight file must be a JSON object');
  if (data.format !== WEIGHTS_FORMAT)
    throw new WeightFileError(`not a scorefield weight file (format is ${JSON.stringify(data.format)}, expected "${WEIGHTS_FORMAT}")`);
  if (data.version !== WEIGHTS_VERSION)
    throw new WeightFileError(`unsupported weight file version ${JSON.stringify(data.version)} (this build reads version ${WEIGHTS_VERSION})`);

  const problems: string[] = [];
  const fail = (): never => {
    throw new WeightFileError(`invalid weight file: ${problems.join('; ')}`, problems);
  };

  // world
  let world: World | null = null;
  let fingerprint = '';
  if (!isObj(data.world)) problems.push('missing "world"');
  else {
    try {
      world = parseWorld(data.world.definition);
    } catch (e) {
      problems.push(`world.definition: ${(e as Error).message}`);
    }
    if (typeof data.world.fingerprint !== 'string') problems.push('missing world.fingerprint');
    else fingerprint = data.world.fingerprint;
    if (world && fingerprint && worldFingerprint(world) !== fingerprint) problems.push('world.fingerprint does not match world.definition (corrupted file)');
    if (world && data.world.name !== world.name)
      problems.push(`world.name ${JSON.stringify(data.world.name)} differs from world.definition.name "${world.name}"`);
  }

  // schedule
  let schedule: { name: ScheduleName; T: number } | null = null;
  if (!isObj(data.schedule)) problems.push('missing "schedule"');
  else if (!SCHEDULE_NAMES.includes(data.schedule.name as ScheduleName) || !Number.isInteger(data.schedule.T) || (data.schedule.T as number) < 2) {
    problems.push(`schedule must be {name: ${SCHEDULE_NAMES.join('|')}, T: integer ≥ 2}, got ${JSON.stringify(data.schedule)}`);
  } else schedule = { name: data.schedule.name as ScheduleName, T: data.schedule.T as number };

  // architecture
  const archProblems = architectureProblems(data.architecture);
  problems.push(...archProblems);
  const arch = archProblems.length === 0 ? (data.architecture as unknown as Architecture) : null;
  if (arch && world && arch.numClasses !== world.classes.length) {
    problems.push(`architecture.numClasses = ${arch.numClasses} but the world has ${world.classes.length} classes`);
  }
  if (arch && schedule && arch.T !== schedule.T) problems.push(`architecture.T = ${arch.T} but schedule.T = ${schedule.T}`);

  // training
  let training: TrainingInfo | null = null;
  if (!isObj(data.training)) problems.push('missing "training"');
  else {
    const t = data.training;
    const need: [keyof TrainingInfo, (v: unknown) => boolean, string][] = [
      ['pUncond', (v) => finiteNumber(v) && v >= 0 && v <= 1, 'a number in [0, 1]'],
      ['steps', (v) => Number.isInteger(v) && (v as number) >= 0, 'a non-negative integer'],
      ['seed', (v) => Number.isInteger(v), 'an integer'],
      ['finalLoss', finiteNumber, 'a finite number'],
      ['batchSize', (v) => Number.isInteger(v) && (v as number) > 0, 'a positive integer'],
      ['lr', finiteNumber, 'a finite number'],
      ['lrFinal', finiteNumber, 'a finite number'],
      ['warmupSteps', (v) => Number.isInteger(v) && (v as number) >= 0, 'a non-negative integer'],
      ['ema', (v) => finiteNumber(v) && v >= 0 && v < 1, 'a number in [0, 1)'],
      ['clipNorm', finiteNumber, 'a finite number'],
    ];
    for (const [k, ok, what] of need) if (!ok(t[k])) problems.push(`training.${k} must be ${what}, got ${JSON.stringify(t[k])}`);
    if (t.dropout !== undefined && !DROPOUT_MODES.includes(t.dropout as DropoutMode))
      problems.push(`training.dropout must be one of ${DROPOUT_MODES.join(', ')}, got ${JSON.stringify(t.dropout)}`);
    if (t.backend !== undefined && typeof t.backend !== 'string') problems.push('training.backend must be a string');
    if (t.seconds !== undefined && !finiteNumber(t.seconds)) problems.push('training.seconds must be a finite number');
    training = t as unknown as TrainingInfo;
  }

  // expectations
  if (expect.world && world && worldFingerprint(expect.world) !== worldFingerprint(world)) {
    problems.push(`trained on world "${world.name}", expected world "${expect.world.name}" (or its definition differs)`);
  }
  if (expect.conditioning && arch && arch.conditioning !== expect.conditioning) {
    problems.push(`conditioning is "${arch.conditioning}", expected "${expect.conditioning}"`);
  }
  if (expect.architecture && arch) {
    for (const k of Object.keys(expect.architecture) as (keyof Architecture)[]) {
      if (expect.architecture[k] !== arch[k])
        problems.push(`architecture.${k} is ${JSON.stringify(arch[k])}, expected ${JSON.stringify(expect.architecture[k])}`);
    }
  }
  if (expect.schedule && schedule && (expect.schedule.name !== schedule.name || expect.schedule.T !== schedule.T)) {
    problems.push(`schedule is ${schedule.name}/${schedule.T}, expected ${expect.schedule.name}/${expect.schedule.T}`);
  }
  if (problems.length || !arch || !world || !schedule || !training) fail();

  // tensors
  const values = new Map<string, Float32Array>();
  const chunks: Uint8Array[] = [];
  if (!isObj(data.tensors)) {
    problems.push('missing "tensors"');
    fail();
  }
  const tensors = data.tensors as Record<string, unknown>;
  const specs = parameterSpecs(arch!);
  for (const s of specs) {
    const entry = tensors[s.name];
    if (!isObj(entry)) {
      problems.push(`tensor ${s.name} missing`);
      continue;
    }
    const shape = entry.shape;
    if (!Array.isArray(shape) || shape.length !== s.shape.length || shape.some((d, i) => d !== s.shape[i])) {
      problems.push(`tensor ${s.name} has shape ${JSON.stringify(shape)}, expected [${s.shape.join(', ')}]`);
      continue;
    }
    if (typeof entry.data !== 'string') {
      problems.push(`tensor ${s.name} has no base64 "data"`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(entry.data);
    } catch (e) {
      problems.push(`tensor ${s.name}: ${(e as Error).message}`);
      continue;
    }
    const size = s.shape.reduce((a, b) => a * b, 1);
    if (bytes.length !== 4 * size) {
      problems.push(`tensor ${s.name} holds ${bytes.length} bytes, expected ${4 * size} (${size} float32)`);
      continue;
    }
    chunks.push(bytes);
    const v = bytesToFloats(bytes);
    let bad = -1;
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i]!)) {
        bad = i;
        break;
      }
    }
    if (bad >= 0) {
      problems.push(`tensor ${s.name} has a non-finite value (${v[bad]}) at index ${bad}`);
      continue;
    }
    values.set(s.name, v);
  }
  const known = new Set(specs.map((s) => s.name));
  const extra = Object.keys(tensors).filter((k) => !known.has(k));
  if (extra.length) problems.push(`unexpected tensors for a ${arch!.conditioning} model: ${extra.join(', ')}`);
  if (problems.length) fail();
  if (typeof data.checksum !== 'string') problems.push('missing checksum');
  else if (crc32Hex(chunks) !== data.checksum)
    problems.push(`checksum mismatch (file says ${data.checksum}, tensors give ${crc32Hex(chunks)}): the file is corrupted`);
  if (problems.length) fail();

  return {
    world: { name: world!.name, fingerprint, definition: world! },
    schedule: schedule!,
    architecture: { ...arch! },
    training: { ...training! },
    values,
  };
}
