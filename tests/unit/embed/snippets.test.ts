import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { allSnippets, hideChoices, readBuilderQuery } from '../../../lib/embed/builder';
import { SNIPPET_KINDS, embedUrl, snippet, type EmbedFigure } from '../../../lib/embed/snippets';
import { oembedDocument } from '../../../lib/embed/oembed';
import { parseJupyterLine } from './python-call';

const figure: EmbedFigure = {
  page: 'https://uni.example/cfg/embed/score-field/',
  state: 's=4.2&t=120&y=1',
  options: { hide: ['t', 'world'], fit: true, theme: 'dark', chrome: false, group: 'wk3' },
  title: 'Score-field explorer',
  height: 812,
};
const url = 'https://uni.example/cfg/embed/score-field/?s=4.2&t=120&y=1&hide=t%2Cworld&fit=1&theme=dark&chrome=0&group=wk3';

/** The attribute values of the first iframe of some HTML. */
function iframeAttrs(html: string): Record<string, string> {
  const tag = /<iframe\b([^>]*)>/.exec(html)![1]!;
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g))
    out[m[1]!] = (m[2] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return out;
}

describe('embed snippets', () => {
  it('the embed URL carries the state, then hide=, fit=, theme=, chrome=, group=', () => {
    expect(embedUrl(figure.page, figure.state, figure.options)).toBe(url);
    expect(embedUrl(figure.page, '', {})).toBe(figure.page);
  });

  it('the iframe carries hide=, fit=, theme= in its src, a title naming the figure, the height, and allows full screen', () => {
    for (const kind of ['iframe', 'iframe-resize'] as const) {
      const a = iframeAttrs(snippet(kind, figure));
      const src = new URL(a.src!);
      expect(src.searchParams.get('hide')).toBe('t,world');
      expect(src.searchParams.get('fit')).toBe('1');
      expect(src.searchParams.get('theme')).toBe('dark');
      expect(src.searchParams.get('s')).toBe('4.2');
      expect(a.title).toBe('Score-field explorer (scorefield interactive figure)');
      expect(a.height).toBe('812');
      expect(a.allow).toContain('fullscreen');
    }
    expect(snippet('iframe', figure)).not.toContain('<script');
    expect(snippet('iframe-resize', figure)).toMatch(/<script>.*scorefield:resize.*<\/script>$/);
  });

  it('escapes what it puts into HTML attributes', () => {
    const hostile = { ...figure, title: 'x" onload="alert(1)', page: 'https://a.example/e/"><script>/' };
    const html = snippet('iframe', hostile);
    expect(html.match(/<iframe/g)).toHaveLength(1);
    expect(html).not.toContain('"><script>');
    expect(iframeAttrs(html).title).toBe('x" onload="alert(1) (scorefield interactive figure)');
  });

  it('the Jupyter line is one valid call that keeps every parameter (checked without Python)', () => {
    const line = snippet('jupyter', figure);
    const args = parseJupyterLine(line);
    expect(args).toEqual({ src: url, width: '100%', height: 812 });
    expect(line).not.toContain('&amp;');
    const odd = snippet('jupyter', { ...figure, page: 'https://a.example/e/"quoted"\\/' });
    expect(parseJupyterLine(odd).src).toBe(`https://a.example/e/"quoted"\\/?${new URL(url).search.slice(1)}`);
  });

  it('the Jupyter line parses as Python (python3 ast), where python3 is installed', (ctx) => {
    const probe = spawnSync('python3', ['--version']);
    if (probe.error || probe.status !== 0) {
      console.warn('python3 is not installed: the Jupyter line is checked by the JS tokenizer only');
      ctx.skip();
    }
    const line = snippet('jupyter', { ...figure, page: 'https://a.example/e/"q"\\/é/' });
    const code = `import ast,sys\nline=sys.stdin.read()\ntree=ast.parse(line)\ncall=tree.body[1].value\nprint({k.arg: k.value.value for k in call.keywords}['src'])`;
    const r = spawnSync('python3', ['-c', code], { input: line, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`https://a.example/e/"q"\\/é/?${new URL(url).search.slice(1)}`);
  });

  it('link, Markdown and reveal.js keep the parameters; the slide always fits its box', () => {
    expect(snippet('link', figure)).toBe(url);
    expect(snippet('markdown', { ...figure, title: 'A [b]' })).toBe(`[A \\[b\\]](${url})`);
    const reveal = snippet('reveal', { ...figure, options: { hide: ['t'] } });
    expect(reveal).toMatch(/^<section>/);
    const src = new URL(/data-src="([^"]+)"/.exec(reveal)![1]!.replace(/&amp;/g, '&'));
    expect(src.searchParams.get('fit')).toBe('1');
    expect(src.searchParams.get('hide')).toBe('t');
  });

  it('the builder makes every kind, and reads its own URL', () => {
    const all = allSnippets({
      page: figure.page,
      title: figure.title,
      state: figure.state,
      options: { hide: [], fit: false, theme: 'auto', chrome: true, group: null },
      height: 900,
    });
    expect(Object.keys(all)).toEqual([...SNIPPET_KINDS]);
    expect(readBuilderQuery('widget=guided-sampler&s=3&hide=t&bogus=1', ['score-field', 'guided-sampler'])).toEqual({ widget: 'guided-sampler', state: 's=3' });
    expect(readBuilderQuery('widget=nope', ['score-field', 'guided-sampler']).widget).toBe('score-field');
  });

  it('hide choices come from the widget markup, labelled by the state schema', () => {
    expect(hideChoices(['t', 'world', 't', 'embed', 'not-a-key'])).toEqual([
      { key: 't', label: 'timestep t' },
      { key: 'world', label: 'world' },
      { key: 'embed', label: '"Copy embed code" button' },
    ]);
  });

  it('the oEmbed document is a rich type with the iframe, width and height', () => {
    const doc = oembedDocument({
      title: 'Guided sampler',
      page: 'https://x.org/embed/guided-sampler/',
      thumbnail: 'https://x.org/previews/guided-sampler.png',
      providerUrl: 'https://x.org/',
      height: 1240,
    });
    expect(doc).toMatchObject({ version: '1.0', type: 'rich', width: 800, height: 1240 });
    expect(iframeAttrs(String(doc.html)).src).toBe('https://x.org/embed/guided-sampler/');
  });
});
