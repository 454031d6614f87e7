/**
 * The one flag parser and validator of the command line. Each command declares its flags as a `FlagSpecs`
 * record; `parseFlags` turns argv into typed values or throws a `UsageError` (exit code 2) whose message
 * names the flag and the allowed values.
 */

/** A bad command line: printed on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Bad data in a file the command line names (world, samples, weights): exit code 2, without the flags hint. */
export class DataError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

interface BaseSpec {
  help: string;
  required?: boolean;
}
export interface NumberSpec extends BaseSpec {
  type: 'number' | 'int';
  min: number;
  max: number;
  default?: number;
}
export interface EnumSpec extends BaseSpec {
  type: 'enum';
  values: readonly string[];
  default?: string;
}
export interface StringSpec extends BaseSpec {
  type: 'string';
  /** What the value is, for messages and help, e.g. 'NAME|FILE'. */
  meta: string;
  default?: string;
}
/** A comma-separated list of `length` numbers, each in [min, max]. */
export interface ListSpec extends BaseSpec {
  type: 'list';
  of: 'number' | 'int';
  length: number;
  min: number;
  max: number;
  /** Names of the entries, e.g. ['TLO', 'THI']. */
  names: readonly string[];
  /** Entries must increase pairwise: (0, 1), (2, 3), … must satisfy a < b (or a ≤ b with 'nondecreasing'). */
  order?: 'increasing' | 'nondecreasing';
  default?: readonly number[];
}
/** One or more comma-separated numbers, each in [min, max] (a sweep in one process: --s 1,3,7.5). */
export interface NumbersSpec extends BaseSpec {
  type: 'numbers';
  of: 'number' | 'int';
  min: number;
  max: number;
  /** At most this many values. */
  maxCount: number;
  default?: readonly number[];
}
export interface BooleanSpec extends BaseSpec {
  type: 'boolean';
}
export type FlagSpec = NumberSpec | EnumSpec | StringSpec | ListSpec | NumbersSpec | BooleanSpec;
export type FlagSpecs = Record<string, FlagSpec>;

type ValueOf<S extends FlagSpec> = S extends NumberSpec
  ? number
  : S extends EnumSpec | StringSpec
    ? string
    : S extends ListSpec | NumbersSpec
      ? number[]
      : S extends BooleanSpec
        ? boolean
        : never;

/** Parsed flags: required or defaulted ones are always present, the others may be undefined. */
export type Flags<F extends FlagSpecs> = {
  [K in keyof F]: F[K] extends { required: true } | { default: unknown } | BooleanSpec ? ValueOf<F[K]> : ValueOf<F[K]> | undefined;
};

/** Parses `--name value` / `--name=value` pairs against the specs. Throws UsageError on anything unexpected. */
export function parseFlags<F extends FlagSpecs>(argv: readonly string[], specs: F): Flags<F> {
  const raw = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') throw new UsageError(`unexpected argument "${arg}" (flags look like --name value)`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = specs[name];
    if (!spec)
      throw new UsageError(
        `unknown flag --${name}; allowed: ${Object.keys(specs)
          .map((k) => `--${k}`)
          .join(', ')}`,
      );
    if (raw.has(name)) throw new UsageError(`--${name} is given twice`);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      raw.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value: ${describeFlag(spec)}`);
    raw.set(name, value);
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw.get(name);
    if (value === undefined) {
      if (spec.type === 'boolean') out[name] = false;
      else if (spec.default !== undefined) out[name] = spec.default;
      else if (spec.required) throw new UsageError(`--${name} is required: ${describeFlag(spec)}`);
      continue;
    }
    out[name] = value === true ? true : convert(name, spec, value);
  }
  return out as Flags<F>;
}

/** The allowed values of a flag, in words (used in errors and help). */
export function describeFlag(spec: FlagSpec): string {
  switch (spec.type) {
    case 'number':
      return `a number in [${spec.min}, ${spec.max}]`;
    case 'int':
      return `an integer in [${spec.min}, ${spec.max}]`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'string':
      return spec.meta;
    case 'list': {
      const rel = spec.order === 'increasing' ? '<' : '≤';
      const pairs = [];
      for (let i = 0; spec.order && i + 1 < spec.names.length; i += 2) pairs.push(`${spec.names[i]} ${rel} ${spec.names[i + 1]}`);
      const kind = spec.of === 'int' ? 'integers' : 'numbers';
      return `${spec.names.join(',')}: ${spec.length} comma-separated ${kind} in [${spec.min}, ${spec.max}]${pairs.length ? `, ${pairs.join(', ')}` : ''}`;
    }
    case 'numbers':
      return `1 to ${spec.maxCount} comma-separated ${spec.of === 'int' ? 'integers' : 'numbers'} in [${spec.min}, ${spec.max}]`;
    case 'boolean':
      return 'no value';
  }
}

function convert(name: string, spec: FlagSpec, value: string): unknown {
  const bad = (): never => {
    throw new UsageError(`--${name} must be ${describeFlag(spec)}, got "${value}"`);
  };
  switch (spec.type) {
    case 'number':
    case 'int':
      return toNumber(value, spec.type, spec.min, spec.max) ?? bad();
    case 'enum':
      return spec.values.includes(value) ? value : bad();
    case 'string':
      return value === '' ? bad() : value;
    case 'list': {
      const parts = value.split(',');
      if (parts.length !== spec.length) bad();
      const nums = parts.map((p) => toNumber(p.trim(), spec.of, spec.min, spec.max) ?? bad());
      for (let i = 0; spec.order && i + 1 < nums.length; i += 2) {
        if (spec.order === 'increasing' ? !(nums[i]! < nums[i + 1]!) : !(nums[i]! <= nums[i + 1]!)) bad();
      }
      return nums;
    }
    case 'numbers': {
      const parts = value.split(',');
      if (parts.length > spec.maxCount) bad();
      return parts.map((p) => toNumber(p.trim(), spec.of, spec.min, spec.max) ?? bad());
    }
    case 'boolean':
      return true;
  }
}

function toNumber(text: string, type: 'number' | 'int', min: number, max: number): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || (type === 'int' && !Number.isInteger(v)) || v < min || v > max) return undefined;
  return v;
}

/** Help text for a command's flags. */
export function flagHelp(specs: FlagSpecs): string {
  return Object.entries(specs)
    .map(([name, spec]) => {
      const dflt = 'default' in spec && spec.default !== undefined ? ` (default ${String(spec.default)})` : spec.required ? ' (required)' : '';
      return `  --${name}  ${spec.help}; ${describeFlag(spec)}${dflt}`;
    })
    .join('\n');
}
