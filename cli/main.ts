/**
 * The `scorefield` command line: `scorefield <command> [--flag value …]`, JSON on stdout (or --out FILE),
 * human-readable errors on stderr; exit code 2 for bad arguments, 1 for other failures.
 */
import { writeFileSync } from 'node:fs';
import { UsageError, flagHelp, parseFlags, type FlagSpecs } from './args';
import type { Command } from './command';
import { COMMANDS } from './commands';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const globalFlags = {
  out: { type: 'string', meta: 'a file path', help: 'write the JSON to this file instead of stdout' },
  help: { type: 'boolean', help: 'show this command’s flags' },
} as const satisfies FlagSpecs;

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
  return `usage: scorefield ${c.name} [flags]\n${c.summary}\n\nflags:\n${flagHelp({ ...c.flags, ...globalFlags })}`;
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
    const flags = parseFlags(rest, { ...command.flags, ...globalFlags });
    const out = flags.out as string | undefined;
    const result = await command.run(flags);
    const json = `${JSON.stringify(result)}\n`;
    if (out !== undefined) {
      try {
        writeFileSync(out, json);
      } catch (e) {
        throw new UsageError(`--out: cannot write "${out}" (${(e as Error).message})`);
      }
    } else io.stdout(json);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`scorefield ${name}: ${e.message}\n(scorefield ${name} --help lists the flags)\n`);
      return 2;
    }
    io.stderr(`scorefield ${name}: failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
