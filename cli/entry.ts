/** Process entry of the `scorefield` command (bin/scorefield.mjs imports this). */
import { runCli } from './main';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
process.exitCode = code;
