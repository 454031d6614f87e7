import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  wasm: 'application/wasm',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  xml: 'application/xml',
};

/**
 * A static file server as an LMS is one: the files (paths from the package root → contents) under `prefix`
 * ("/lms/course-42/scorefield/"), a folder URL ending in "/" served by its index.html, anything else 404.
 * Resolves to the package's URL and a stop function.
 */
export async function serveFiles(files: Record<string, Uint8Array>, prefix: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const inside = path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
    const name = inside === undefined ? undefined : inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside;
    const body = name === undefined ? undefined : files[name];
    if (!body || !name) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream', 'content-length': body.byteLength });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
