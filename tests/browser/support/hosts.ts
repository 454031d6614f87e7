/**
 * Mock host pages, served by a second tiny HTTP server on another origin (localhost:<port>, while the site is on
 * 127.0.0.1:<port>): each embeds frames of the site and runs ONE host's resize convention, written from that host's
 * own behaviour, with no script of ours (except "plain", which is the site's published snippet):
 *   canvas          Canvas LMS: {subject: 'lti.frameResize', height} as an object or a JSON string, frame found by source
 *   h5p             h5p-resizer.js: hello / prepareResize (set clientHeight, answer resizePrepared) / resize (set scrollHeight)
 *   embedly         Embedly: JSON string {context: 'iframe.resize', src, height}, frame found by its src attribute
 *   iframe-resizer  iframe-resizer v4 parent: sends "[iFrameSizer]<id>:…" on load and on "[iFrameResizerChild]Ready",
 *                   reads "[iFrameSizer]<id>:<height>:<width>:<type>" and sizes the frame with that id
 *   plain           a plain page with the site's "iframe with the resize lines" snippet
 *   api             no resizing: collects scorefield:state and scorefield:event messages in window.received
 */
import { createServer, type Server } from 'node:http';
import { RESIZE_LINES } from '../../../lib/embed/snippets';
import { freePort } from './server';

export const HOST_PROTOCOLS = ['canvas', 'h5p', 'embedly', 'iframe-resizer', 'plain'] as const;
export type HostProtocol = (typeof HOST_PROTOCOLS)[number] | 'api';

const SCRIPTS: Record<HostProtocol, string> = {
  canvas: `<script>
addEventListener('message', function (e) {
  var d = e.data;
  if (typeof d === 'string') { try { d = JSON.parse(d); } catch (err) { return; } }
  if (!d || d.subject !== 'lti.frameResize') return;
  var h = parseInt(d.height, 10); if (!(h > 0)) return; if (h > 5000) h = 5000;
  document.querySelectorAll('iframe').forEach(function (f) { if (f.contentWindow === e.source) { f.height = h; f.style.height = h + 'px'; } });
});</script>`,
  h5p: `<script>
var handlers = {
  hello: function (f, d, respond) { f.style.width = '100%'; addEventListener('resize', function () { respond('resize'); }); respond('hello'); },
  prepareResize: function (f, d, respond) {
    if (f.clientHeight !== d.scrollHeight || d.scrollHeight !== d.clientHeight) { f.style.height = d.clientHeight + 'px'; respond('resizePrepared'); }
  },
  resize: function (f, d) { f.style.height = d.scrollHeight + 'px'; }
};
addEventListener('message', function (e) {
  if (!e.data || e.data.context !== 'h5p') return;
  var f = [].find.call(document.getElementsByTagName('iframe'), function (x) { return x.contentWindow === e.source; });
  if (!f || !handlers[e.data.action]) return;
  handlers[e.data.action](f, e.data, function (action) { e.source.postMessage({ context: 'h5p', action: action }, e.origin); });
});</script>`,
  embedly: `<script>
addEventListener('message', function (e) {
  var d; try { d = typeof e.data === 'string' ? JSON.parse(e.data) : null; } catch (err) { return; }
  if (!d || d.context !== 'iframe.resize' || !d.src) return;
  document.querySelectorAll('iframe').forEach(function (f) { if (f.src === d.src) f.style.height = d.height + 'px'; });
});</script>`,
  'iframe-resizer': `<script>
var settings = ':8:false:false:32:true:true:null:bodyOffset:null:null:0:false:parent:scroll:true';
function init(f) { f.contentWindow.postMessage('[iFrameSizer]' + f.id + settings, '*'); }
document.querySelectorAll('iframe').forEach(function (f) { f.addEventListener('load', function () { init(f); }); });
addEventListener('message', function (e) {
  if (typeof e.data !== 'string') return;
  if (e.data === '[iFrameResizerChild]Ready') {
    document.querySelectorAll('iframe').forEach(function (f) { if (f.contentWindow === e.source) init(f); });
    return;
  }
  if (e.data.slice(0, 13) !== '[iFrameSizer]') return;
  var p = e.data.slice(13).split(':'); var f = document.getElementById(p[0]);
  if (!f || f.contentWindow !== e.source || new URL(f.src).origin !== e.origin) return;
  f.style.height = parseInt(p[1], 10) + 'px';
});</script>`,
  plain: RESIZE_LINES,
  api: `<script>
window.received = [];
addEventListener('message', function (e) {
  var d = e.data;
  if (d && (d.type === 'scorefield:state' || d.type === 'scorefield:event')) window.received.push({ frame: [].findIndex.call(document.querySelectorAll('iframe'), function (f) { return f.contentWindow === e.source; }), data: d });
});</script>`,
};

/** A host page embedding `srcs` (absolute embed URLs) at the pasted height, with the host's resize script. */
export function hostPage(protocol: HostProtocol, srcs: readonly string[]): string {
  const frames = srcs
    .map(
      (src, i) =>
        `<iframe id="sf${i}" src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="figure ${i}" width="100%" height="760" style="border:0;display:block;width:100%"></iframe>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${protocol} host</title><style>body{margin:8px}</style></head><body>\n${frames}\n${SCRIPTS[protocol]}\n</body></html>`;
}

/** Serves GET /<protocol>?src=<url>&src=<url>… on http://localhost:<port>/ (another origin than the site). */
export async function startHosts(): Promise<{ url: (protocol: HostProtocol, srcs: readonly string[]) => string; close: () => Promise<void> }> {
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', `http://localhost:${port}`);
    const protocol = u.pathname.slice(1) as HostProtocol;
    if (!Object.hasOwn(SCRIPTS, protocol)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(hostPage(protocol, u.searchParams.getAll('src')));
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  return {
    url: (protocol, srcs) => `http://localhost:${port}/${protocol}?${srcs.map((s) => `src=${encodeURIComponent(s)}`).join('&')}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
