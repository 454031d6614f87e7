// The `--name value` flags of the maintenance scripts (scripts/*.ts run with tsx; the command line has its own parser).

/** The value after `--name` on the command line, or `fallback` (undefined without one) when the flag is absent. */
export function arg(name: string): string | undefined;
export function arg(name: string, fallback: string): string;
export function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
