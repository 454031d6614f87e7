/**
 * What an instructor copies to put a figure on a course page, DOM-free: the embed URL (state + embed options) and
 * the same figure as an iframe with the resize lines (plain pages), an iframe alone (LMS editors that strip scripts),
 * a link, Markdown, a one-line Jupyter IFrame(...) call and a reveal.js slide.
 */
import { SCOREFIELD_RESIZE } from './protocols';
import { embedOptionsQuery, type EmbedOptions } from './host-api';

export const SNIPPET_KINDS = ['iframe-resize', 'iframe', 'link', 'markdown', 'jupyter', 'reveal'] as const;
export type SnippetKind = (typeof SNIPPET_KINDS)[number];

export const SNIPPET_LABELS: Record<SnippetKind, string> = {
  'iframe-resize': 'iframe with the resize lines (plain HTML pages)',
  iframe: 'iframe only (Canvas, Moodle and other LMS editors)',
  link: 'link',
  markdown: 'Markdown link',
  jupyter: 'Jupyter (Python)',
  reveal: 'reveal.js slide',
};

/** Height of a frame when nothing was measured: the tallest widget at 900 px wide, so nothing is cut off before resizing. */
export const FALLBACK_HEIGHT = 1240;
/** Height of a slide's frame (fit=1 scales the figure into it). */
export const SLIDE_HEIGHT = 600;

export interface EmbedFigure {
  /** Absolute URL of the widget's embed page, without query. */
  page: string;
  /** The figure's notebook state as a query string (notebookQuery). */
  state: string;
  options: Partial<EmbedOptions>;
  /** The widget's title, named by the iframe's title. */
  title: string;
  /** Height of the frame in CSS pixels (measured content height where known). */
  height: number;
}

/** The embed URL: the page, the figure's state, then the embed options. */
export function embedUrl(page: string, state: string, options: Partial<EmbedOptions> = {}): string {
  const query = [state, embedOptionsQuery(options)].filter(Boolean).join('&');
  return query ? `${page}?${query}` : page;
}

/** The accessible name of the frame. */
export const frameTitle = (title: string): string => `${title} (scorefield interactive figure)`;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Python string literal of any text (JSON's escapes are all valid in Python 3). */
export function pythonString(s: string): string {
  return JSON.stringify(s);
}

function iframeTag(f: EmbedFigure, src: string, height: number, lazyAttr: string): string {
  return (
    `<iframe ${lazyAttr}="${escapeHtml(src)}" title="${escapeHtml(frameTitle(f.title))}" width="100%" height="${Math.round(height)}" ` +
    `style="border:0;width:100%;max-width:100%" allow="fullscreen; clipboard-write" allowfullscreen loading="lazy"></iframe>`
  );
}

/** The host's few lines for a plain page: resize each scorefield frame to the height it reports. */
export const RESIZE_LINES =
  `<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="${SCOREFIELD_RESIZE}"||!(d.height>0))return;` +
  `document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=Math.ceil(d.height)+"px"})});</script>`;

export function snippet(kind: SnippetKind, f: EmbedFigure): string {
  const src = embedUrl(f.page, f.state, f.options);
  switch (kind) {
    case 'iframe-resize':
      return `${iframeTag(f, src, f.height, 'src')}\n${RESIZE_LINES}`;
    case 'iframe':
      return iframeTag(f, src, f.height, 'src');
    case 'link':
      return src;
    case 'markdown':
      return `[${f.title.replace(/[[\]\\]/g, '\\$&')}](${src.replace(/[()\s]/g, encodeURIComponent)})`;
    case 'jupyter':
      return `from IPython.display import IFrame; IFrame(src=${pythonString(src)}, width="100%", height=${Math.round(f.height)})`;
    case 'reveal': {
      const slide = embedUrl(f.page, f.state, { ...f.options, fit: true });
      return `<section>\n  <h2>${escapeHtml(f.title)}</h2>\n  ${iframeTag(f, slide, SLIDE_HEIGHT, 'data-src')}\n</section>`;
    }
  }
}
