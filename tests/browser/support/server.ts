import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const TEST_BASE_PATH = process.env.BASE_PATH ?? '/scorefield/';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** `astro build` with the test base path (or the portable build, into dist-portable/); throws with Astro's output if it fails. */
export function buildSite({ portable = false } = {}): void {
  const r = spawnSync('npx', ['astro', 'build'], {
    env: portable ? { ...process.env, PORTABLE: '1' } : { ...process.env, BASE_PATH: TEST_BASE_PATH },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Starts `astro preview` on a free port; resolves to the site URL (with base path) and a stop function. */
export async function startPreview(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, BASE_PATH: TEST_BASE_PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}${TEST_BASE_PATH}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro preview exited early:\n${output}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`astro preview did not answer at ${url} within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM'); // the whole group: npx and astro
    } catch {
      child.kill('SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 200));
  };
  return { url, stop };
}
