/**
 * What a command returns and how it is written: JSON with a provenance record, or its main table as CSV or NPY
 * (--format), or raw bytes (plot's SVG/PNG). Provenance: the package version, the git commit when known, the command
 * and every flag (defaults included), the world's fingerprint, the weights' checksums, timesteps and seed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args';

export const FORMATS = ['json', 'csv', 'npy'] as const;
export type Format = (typeof FORMATS)[number];

/** A table of numbers: column names and rows (the part of an output CSV and NPY carry). */
export interface Table {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
}

/** A command's result: its JSON, optionally a main table (for --format csv|npy) or raw bytes (plot). */
export class Output {
  constructor(
    readonly json: Record<string, unknown>,
    readonly table?: Table,
    readonly raw?: { data: string | Uint8Array; what: string },
  ) {}
}

/** Collected while a command runs: provenance entries and warnings (printed on stderr and kept in the JSON). */
export class RunContext {
  readonly provenance: Record<string, unknown> = {};
  readonly warnings: string[] = [];
  constructor(private readonly onWarn: (text: string) => void = () => {}) {}
  warn(text: string): void {
    this.warnings.push(text);
    this.onWarn(text);
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const root = fileURLToPath(new URL('..', import.meta.url));
let cachedBase: { version: string; commit: string | null } | undefined;

/** The package version and the git commit of this checkout (null outside git). */
export function buildInfo(): { version: string; commit: string | null } {
  if (cachedBase) return cachedBase;
  let version = 'unknown';
  try {
    version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
  } catch {}
  let commit: string | null = null;
  try {
    commit =
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
        .toString()
        .trim() || null;
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
      .toString()
      .trim();
    if (commit && dirty) commit += '+dirty';
  } catch {}
  cachedBase = { version, commit };
  return cachedBase;
}

/** Refuses an --out path that cannot be written, before any computation. */
export function checkWritable(path: string, flag = 'out'): void {
  const full = resolve(path);
  try {
    if (existsSync(full)) {
      if (statSync(full).isDirectory()) throw new Error('it is a folder');
      accessSync(full, constants.W_OK);
    } else accessSync(dirname(full), constants.W_OK);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `its folder ${dirname(full)} does not exist` : (e as Error).message;
    throw new UsageError(`--${flag}: cannot write "${path}" (${why})`);
  }
}

function csvCell(v: number): string {
  return Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : v < 0 ? '-inf' : 'nan';
}

/** CSV: one comment line with the provenance JSON (pandas: comment='#'; numpy.loadtxt skips it), a header, rows. */
export function toCsv(table: Table, provenance: unknown): string {
  const lines = [`# ${JSON.stringify(provenance)}`, table.columns.join(',')];
  for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** NPY version 1.0: a little-endian float64 C-order array of shape (rows, columns). */
export function toNpy(table: Table): Uint8Array {
  const rows = table.rows.length;
  const cols = table.columns.length;
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += `${' '.repeat(pad % 64)}\n`;
  const out = new Uint8Array(10 + header.length + 8 * rows * cols);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const data = new DataView(out.buffer, 10 + header.length);
  let k = 0;
  for (const row of table.rows) {
    if (row.length !== cols) throw new Error(`table row of ${row.length} numbers, expected ${cols}`);
    for (const v of row) data.setFloat64(8 * k++, v, true);
  }
  return out;
}
