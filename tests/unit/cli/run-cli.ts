/** Runs the command line in-process for tests: exit code, stdout, stderr and the parsed JSON (when it printed JSON). */
import { runCli } from '../../../cli/main';

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: any }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err, json: code === 0 && /^[[{]/.test(out) ? JSON.parse(out) : undefined };
}
