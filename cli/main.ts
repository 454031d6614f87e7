/**
 * The `scorefield` command line: `scorefield <command> [--flag value …]`, JSON on stdout (or --out FILE; CSV or NPY
 * with --format), human-readable errors on stderr; exit code 2 for bad arguments or bad data, 1 for other failures.
 */
import { writeFileSync } from 'node:fs';
import { DataError, UsageError, flagHelp, parseFlags, type FlagSpecs, type Flags } from './args';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { FORMATS, Output, RunContext, buildInfo, checkWritable, toCsv, toNpy } from './output';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const globalFlags = {
  out: { type: 'string', meta: 'a file path', help: 'write the output to this file instead of stdout (checked before computing)' },
  help: { type: 'boolean', help: 'show this command’s flags' },
} as const satisfies FlagSpecs;

const formatFlag = {
  format: {
    type: 'enum',
    values: FORMATS,
    default: 'json',
    help: 'json (everything, with provenance), csv (the main table, provenance on a # line) or npy (the main table; needs --out, provenance in FILE.json)',
  },
} as const satisfies FlagSpecs;

function flagsOf(c: Command): FlagSpecs {
  return { ...c.flags, ...(c.formats ? formatFlag : {}), ...globalFlags };
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: scorefield <command> [--flag value …]   (scorefield <command> --help for its flags)',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

function commandHelp(c: Command): string {
  return `usage: scorefield ${c.name} [flags]\n${c.summary}\n\nflags:\n${flagHelp(flagsOf(c))}`;
}

function write(out: string | undefined, data: string | Uint8Array, io: CliIO): void {
  if (out === undefined) {
    if (typeof data !== 'string') throw new UsageError('binary output needs --out FILE');
    io.stdout(data);
    return;
  }
  try {
    writeFileSync(out, data);
  } catch (e) {
    throw new UsageError(`--out: cannot write "${out}" (${(e as Error).message})`);
  }
}

/** Writes a command's result in the asked format. */
function emit(result: unknown, flags: Record<string, unknown>, command: Command, ctx: RunContext, io: CliIO): void {
  const out = flags.out as string | undefined;
  const format = (flags.format as string | undefined) ?? 'json';
  if (!(result instanceof Output)) {
    write(out, `${JSON.stringify(result)}\n`, io);
    return;
  }
  if (result.raw) {
    write(out, result.raw.data, io);
    return;
  }
  const provenance = { ...buildInfo(), command: command.name, flags: { ...flags, help: undefined }, ...ctx.provenance, warnings: ctx.warnings };
  if (format === 'json' || !result.table) {
    if (format !== 'json') throw new UsageError(`--format ${format}: ${command.name} has no table to write`);
    write(out, `${JSON.stringify({ ...result.json, provenance })}\n`, io);
  } else if (format === 'csv') write(out, toCsv(result.table, provenance), io);
  else {
    write(out, toNpy(result.table), io);
    write(`${out}.json`, `${JSON.stringify({ columns: result.table.columns, provenance })}\n`, io);
  }
}

/** Runs the command line and returns the exit code (never throws, never exits). */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`scorefield: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.stdout(`${commandHelp(command)}\n`);
    return 0;
  }
  try {
    const flags = parseFlags(rest, flagsOf(command)) as Record<string, unknown>;
    const out = flags.out as string | undefined;
    if (out !== undefined) checkWritable(out);
    if (flags.format === 'npy' && out === undefined) throw new UsageError('--format npy needs --out FILE (binary)');
    const ctx = new RunContext((text) => io.stderr(`scorefield ${name}: warning: ${text}\n`));
    emit(await command.run(flags as Flags<FlagSpecs>, ctx), flags, command, ctx, io);
    return 0;
  } catch (e) {
    if (e instanceof DataError) {
      io.stderr(`scorefield ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`scorefield ${name}: ${e.message}\n(scorefield ${name} --help lists the flags)\n`);
      return 2;
    }
    io.stderr(`scorefield ${name}: failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
