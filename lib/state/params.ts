/**
 * Typed URL parameters: a spec per parameter (default, range or allowed values), a parser that never throws
 * and reports every correction it made, and a writer that emits only what differs from the defaults.
 */

export type ParamSpec =
  | { kind: 'number'; default: number; min: number; max: number; step: number; label: string }
  | { kind: 'enum'; default: string; values: readonly string[]; label: string }
  | { kind: 'bool'; default: boolean; label: string }
  /** Free text up to `maxLength` characters that `check` accepts (it returns the problem, or undefined). */
  | { kind: 'text'; default: string; maxLength: number; check: (text: string) => string | undefined; label: string };

export type Schema = Readonly<Record<string, ParamSpec>>;

/** The state a schema describes: numbers, strings from a list, booleans. */
export type StateOf<S extends Schema> = {
  [K in keyof S]: S[K] extends { kind: 'number' }
    ? number
    : S[K] extends { kind: 'bool' }
      ? boolean
      : S[K] extends { values: readonly (infer V)[] }
        ? V
        : string;
};

/** A correction the parser made, for the small notice a widget shows. */
export interface Notice {
  param: string;
  given: string;
  used: string;
  reason: string;
}

/** Longest raw value we look at; anything longer is refused unread. */
export const MAX_VALUE_LENGTH = 64;

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) out[key] = spec.default;
  return out as StateOf<S>;
}

/** Shortest decimal text of a number at a step's precision (7.5, not 7.500000001). */
export function formatNumber(value: number, step: number): string {
  const decimals = Math.max(0, Math.min(10, Math.ceil(-Math.log10(step) - 1e-9)));
  return String(Number(value.toFixed(decimals)));
}

/** The value of a parameter from a raw string, or a notice saying why it was corrected. */
export function parseValue(key: string, spec: ParamSpec, raw: string): { value: number | string | boolean; notice?: Notice } {
  const shown = raw.length > MAX_VALUE_LENGTH ? `${raw.slice(0, MAX_VALUE_LENGTH)}…` : raw;
  const fallback = (reason: string) => ({
    value: spec.default,
    notice: { param: key, given: shown, used: String(spec.default), reason },
  });
  if (spec.kind === 'text') {
    if (raw.length > spec.maxLength) return fallback(`too long (${raw.length} characters; at most ${spec.maxLength})`);
    const problem = raw.trim() === '' ? undefined : spec.check(raw);
    return problem ? fallback(problem.slice(0, 200)) : { value: raw.trim() === '' ? spec.default : raw };
  }
  if (raw.length > MAX_VALUE_LENGTH) return fallback('too long');
  const text = raw.trim();
  switch (spec.kind) {
    case 'number': {
      const n = text === '' ? NaN : Number(text);
      if (!Number.isFinite(n)) return fallback(`not a number (allowed ${spec.min} to ${spec.max})`);
      const snapped = Math.round((n - spec.min) / spec.step) * spec.step + spec.min;
      const value = Number(formatNumber(Math.min(spec.max, Math.max(spec.min, snapped)), spec.step));
      if (n < spec.min || n > spec.max) {
        return { value, notice: { param: key, given: shown, used: String(value), reason: `out of range ${spec.min} to ${spec.max}` } };
      }
      if (Math.abs(value - n) > 1e-9 * Math.max(1, Math.abs(n))) {
        return { value, notice: { param: key, given: shown, used: String(value), reason: `rounded to a step of ${spec.step}` } };
      }
      return { value };
    }
    case 'enum':
      if (spec.values.includes(text)) return { value: text };
      return fallback(`unknown value (allowed: ${spec.values.join(', ')})`);
    case 'bool':
      if (text === '1' || text === 'true') return { value: true };
      if (text === '0' || text === 'false') return { value: false };
      return fallback('use 1 or 0');
  }
}

/**
 * Reads a schema's state from URL query parameters. Never throws: a missing parameter takes its default,
 * a bad one is corrected and reported. Parameters not in the schema are reported as ignored unless listed in `passThrough`.
 */
export function parseParams<S extends Schema>(
  schema: S,
  params: URLSearchParams,
  passThrough: readonly string[] = [],
): { state: StateOf<S>; notices: Notice[] } {
  const state: Record<string, unknown> = defaults(schema);
  const notices: Notice[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    if (!Object.hasOwn(schema, key)) {
      if (!passThrough.includes(key) && !seen.has(key)) {
        notices.push({ param: key.slice(0, MAX_VALUE_LENGTH), given: raw.slice(0, MAX_VALUE_LENGTH), used: '', reason: 'unknown parameter, ignored' });
      }
      seen.add(key);
      continue;
    }
    if (seen.has(key)) {
      notices.push({ param: key, given: raw.slice(0, MAX_VALUE_LENGTH), used: String(state[key]), reason: 'repeated, the first value is used' });
      continue;
    }
    seen.add(key);
    const { value, notice } = parseValue(key, schema[key]!, raw);
    state[key] = value;
    if (notice) notices.push(notice);
  }
  return { state: state as StateOf<S>, notices };
}

/** Query parameters for a state: only the values that differ from the defaults, in schema order. */
export function toParams<S extends Schema>(schema: S, state: StateOf<S>, base?: StateOf<S>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, spec] of Object.entries(schema)) {
    const value = (state as Record<string, unknown>)[key];
    // Only what differs from the page's starting point (the schema's defaults, or a chapter's own: `base`).
    if (value === (base ? (base as Record<string, unknown>)[key] : spec.default)) continue;
    if (spec.kind === 'number') out.set(key, formatNumber(value as number, spec.step));
    else if (spec.kind === 'bool') out.set(key, value ? '1' : '0');
    else out.set(key, String(value));
  }
  return out;
}

/** Clamps and snaps a number the way the parser does (for sliders and postMessage commands). */
export function clampNumber(spec: Extract<ParamSpec, { kind: 'number' }>, n: number): number {
  return Number(parseValue('', spec, String(n)).value);
}
