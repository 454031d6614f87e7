/**
 * Validation of a weight file's metadata (world, schedule, architecture, training) and of what a caller expects of
 * it, with physical plausibility (format.ts WEIGHT_LIMITS). Each check adds readable problems to a list; nothing
 * here throws. A new metadata field (e.g. a preconditioning block from training) gets its own check function here,
 * called from `validateMeta`, and, if it belongs to the schedule, is compared whole by `scheduleProblems`.
 */
import type { World } from '../../science/types';
import { SCHEDULE_NAMES, type ScheduleName } from '../../science/schedule';
import { parseWorld } from '../../science/world-format';
import { quote } from '../../text/limit';
import { architectureProblems, type Architecture } from '../network';
import { DROPOUT_MODES, type DropoutMode } from '../conditioning';
import { worldFingerprint } from './fingerprint';
import { WEIGHT_LIMITS, type ScheduleInfo, type TrainingInfo, type WeightExpectations } from './format';

export function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function finiteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

const intIn =
  (lo: number, hi: number) =>
  (v: unknown): boolean =>
    Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const numIn =
  (lo: number, hi: number, openLo = false) =>
  (v: unknown): boolean =>
    finiteNumber(v) && (openLo ? v > lo : v >= lo) && v <= hi;

export interface ValidMeta {
  world: World;
  fingerprint: string;
  schedule: ScheduleInfo;
  architecture: Architecture;
  training: TrainingInfo;
}

function worldOf(data: Record<string, unknown>, problems: string[]): { world: World; fingerprint: string } | null {
  if (!isObj(data.world)) {
    problems.push('missing "world"');
    return null;
  }
  let world: World | null = null;
  let fingerprint = '';
  try {
    world = parseWorld(data.world.definition);
  } catch (e) {
    problems.push(`world.definition: ${(e as Error).message}`);
  }
  if (typeof data.world.fingerprint !== 'string') problems.push('missing world.fingerprint');
  else fingerprint = data.world.fingerprint;
  if (world && fingerprint && worldFingerprint(world) !== fingerprint) problems.push('world.fingerprint does not match world.definition (corrupted file)');
  if (world && data.world.name !== world.name) problems.push(`world.name ${quote(data.world.name)} differs from world.definition.name ${quote(world.name)}`);
  return world && fingerprint ? { world, fingerprint } : null;
}

/** The schedule: a known name and 2 ≤ T ≤ WEIGHT_LIMITS.maxT. */
function scheduleOf(data: Record<string, unknown>, problems: string[]): ScheduleInfo | null {
  const s = data.schedule;
  if (!isObj(s)) {
    problems.push('missing "schedule"');
    return null;
  }
  if (!SCHEDULE_NAMES.includes(s.name as ScheduleName) || !intIn(2, WEIGHT_LIMITS.maxT)(s.T)) {
    problems.push(`schedule must be {name: ${SCHEDULE_NAMES.join('|')}, T: integer in 2–${WEIGHT_LIMITS.maxT}}, got ${quote(s)}`);
    return null;
  }
  return { ...(s as unknown as ScheduleInfo) };
}

const TRAINING_FIELDS: [keyof TrainingInfo, (v: unknown) => boolean, string][] = [
  ['pUncond', numIn(0, 1), 'a number in [0, 1]'],
  ['steps', intIn(0, WEIGHT_LIMITS.maxSteps), `an integer in 0–${WEIGHT_LIMITS.maxSteps}`],
  ['seed', Number.isInteger, 'an integer'],
  ['finalLoss', numIn(0, WEIGHT_LIMITS.maxLoss), `a number in [0, ${WEIGHT_LIMITS.maxLoss}]`],
  ['batchSize', intIn(1, WEIGHT_LIMITS.maxBatchSize), `an integer in 1–${WEIGHT_LIMITS.maxBatchSize}`],
  ['lr', numIn(0, WEIGHT_LIMITS.maxLr, true), `a number in (0, ${WEIGHT_LIMITS.maxLr}]`],
  ['lrFinal', numIn(0, WEIGHT_LIMITS.maxLr), `a number in [0, ${WEIGHT_LIMITS.maxLr}]`],
  ['warmupSteps', intIn(0, WEIGHT_LIMITS.maxSteps), `an integer in 0–${WEIGHT_LIMITS.maxSteps}`],
  ['ema', (v) => finiteNumber(v) && v >= 0 && v < 1, 'a number in [0, 1)'],
  ['clipNorm', numIn(0, 1e6), 'a number in [0, 10⁶]'],
];

/** Optional fields (recipe settings; absent in older files), checked when present. */
const OPTIONAL_TRAINING_FIELDS: [keyof TrainingInfo, (v: unknown) => boolean, string][] = [
  ['noise', (v) => v === 'uniform' || v === 'lognormal', 'uniform or lognormal'],
  ['pMean', numIn(-10, 10), 'a number in [−10, 10]'],
  ['pStd', numIn(0, 10, true), 'a number in (0, 10]'],
  ['lossWeighting', (v) => v === 'none' || v === 'learned', 'none or learned'],
  ['weightBins', intIn(1, 1000), 'an integer in 1–1000'],
  ['tailWeight', numIn(0, 100, true), 'a number in (0, 100]'],
];

/** How deep training records may nest: through `previous` (train --init of a continued file) or `averagedWith`. */
const MAX_PREVIOUS = 16;

/**
 * `data[key]` as a training record (`where` names it in problems); a `previous` record is checked the same way, and so
 * is each record of `averagedWith`.
 */
function trainingOf(data: Record<string, unknown>, problems: string[], key = 'training', where = 'training', depth = 0): TrainingInfo | null {
  const t = data[key];
  if (!isObj(t)) {
    problems.push(`missing "${where}"`);
    return null;
  }
  const before = problems.length;
  for (const [k, ok, what] of TRAINING_FIELDS) if (!ok(t[k])) problems.push(`${where}.${k} must be ${what}, got ${quote(t[k])}`);
  for (const [k, ok, what] of OPTIONAL_TRAINING_FIELDS) if (t[k] !== undefined && !ok(t[k])) problems.push(`${where}.${k} must be ${what}, got ${quote(t[k])}`);
  if (t.dropout !== undefined && !DROPOUT_MODES.includes(t.dropout as DropoutMode))
    problems.push(`${where}.dropout must be one of ${DROPOUT_MODES.join(', ')}, got ${quote(t.dropout)}`);
  if (t.backend !== undefined && (typeof t.backend !== 'string' || t.backend.length > 64)) problems.push(`${where}.backend must be a short string`);
  if (t.seconds !== undefined && !numIn(0, 1e9)(t.seconds)) problems.push(`${where}.seconds must be a non-negative finite number`);
  if (t.previous !== undefined) {
    if (depth + 1 >= MAX_PREVIOUS) problems.push(`${where} chains more than ${MAX_PREVIOUS} training runs`);
    else {
      const previous = trainingOf(t, problems, 'previous', `${where}.previous`, depth + 1);
      if (previous && !(previous.steps < (t.steps as number))) problems.push(`${where}.previous.steps must be below ${where}.steps`);
    }
  }
  if (t.averagedWith !== undefined) averagedWithOf(t, problems, where, depth);
  return problems.length === before ? (t as unknown as TrainingInfo) : null;
}

/** `t.averagedWith`: 1 to WEIGHT_LIMITS.maxAveraged − 1 training records with t's condition dropout, none of them an average. */
function averagedWithOf(t: Record<string, unknown>, problems: string[], where: string, depth: number): void {
  const runs = t.averagedWith;
  if (depth + 1 >= MAX_PREVIOUS) {
    problems.push(`more than ${MAX_PREVIOUS} nested training records, at ${where}`);
    return;
  }
  if (!Array.isArray(runs) || runs.length < 1 || runs.length > WEIGHT_LIMITS.maxAveraged - 1) {
    problems.push(`${where}.averagedWith must list 1–${WEIGHT_LIMITS.maxAveraged - 1} training records`);
    return;
  }
  const byIndex = { ...runs };
  runs.forEach((_, i) => {
    const at = `${where}.averagedWith[${i}]`;
    const run = trainingOf(byIndex, problems, String(i), at, depth + 1);
    if (!run) return;
    if (run.averagedWith) problems.push(`${at} is itself an average`);
    if (run.pUncond !== t.pUncond || (run.dropout ?? 'sampled') !== (t.dropout ?? 'sampled'))
      problems.push(`${at} has another condition dropout than ${where}`);
  });
}

/** Problems of a file's schedule against an expected one: every field of either is compared. */
export function scheduleProblems(got: ScheduleInfo, want: ScheduleInfo): string[] {
  const keys = new Set([...Object.keys(want), ...Object.keys(got)]) as Set<keyof ScheduleInfo>;
  const differ = [...keys].filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]));
  return differ.length ? [`schedule differs in ${differ.join(', ')}: the file has ${quote(got)}, expected ${quote(want)}`] : [];
}

function expectationProblems(m: ValidMeta, expect: WeightExpectations, problems: string[]): void {
  if (expect.world && worldFingerprint(expect.world) !== m.fingerprint) {
    problems.push(`trained on world ${quote(m.world.name)}, expected world ${quote(expect.world.name)} (or its definition differs)`);
  }
  if (expect.conditioning && m.architecture.conditioning !== expect.conditioning) {
    problems.push(`conditioning is "${m.architecture.conditioning}", expected "${expect.conditioning}"`);
  }
  if (expect.architecture) {
    for (const k of Object.keys(expect.architecture) as (keyof Architecture)[]) {
      if (expect.architecture[k] !== m.architecture[k])
        problems.push(`architecture.${k} is ${quote(m.architecture[k])}, expected ${quote(expect.architecture[k])}`);
    }
  }
  if (expect.schedule) problems.push(...scheduleProblems(m.schedule, expect.schedule));
}

/** Validates everything but the tensors; the metadata when all of it is valid, else null (with `problems` filled). */
export function validateMeta(data: Record<string, unknown>, expect: WeightExpectations, problems: string[]): ValidMeta | null {
  const w = worldOf(data, problems);
  const schedule = scheduleOf(data, problems);
  const archProblems = architectureProblems(data.architecture);
  problems.push(...archProblems);
  const architecture = archProblems.length === 0 ? ({ ...(data.architecture as object) } as Architecture) : null;
  if (architecture && w && architecture.numClasses !== w.world.classes.length) {
    problems.push(`architecture.numClasses = ${architecture.numClasses} but the world has ${w.world.classes.length} classes`);
  }
  if (architecture && schedule && architecture.T !== schedule.T) problems.push(`architecture.T = ${quote(architecture.T)} but schedule.T = ${schedule.T}`);
  const training = trainingOf(data, problems);
  if (!w || !schedule || !architecture || !training) return null;
  const meta: ValidMeta = { world: w.world, fingerprint: w.fingerprint, schedule, architecture, training };
  expectationProblems(meta, expect, problems);
  return problems.length ? null : meta;
}
