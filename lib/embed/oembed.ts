/**
 * oEmbed documents (https://oembed.com/, type "rich"), DOM-free: what a host that expands pasted links (WordPress,
 * Moodle, Notion, chat) gets for an embed page: the iframe html, its width and height.
 */
import { frameTitle, snippet } from './snippets';

export interface OEmbedInput {
  title: string;
  /** Absolute (or, without SITE_URL, root-relative) URL of the embed page. */
  page: string;
  /** Absolute or root-relative URL of the preview image. */
  thumbnail: string;
  providerUrl: string;
  height: number;
}

export const OEMBED_WIDTH = 800;

export function oembedDocument(o: OEmbedInput): Record<string, string | number> {
  return {
    version: '1.0',
    type: 'rich',
    title: frameTitle(o.title),
    provider_name: 'scorefield',
    provider_url: o.providerUrl,
    html: snippet('iframe', { page: o.page, state: '', options: {}, title: o.title, height: o.height }),
    width: OEMBED_WIDTH,
    height: o.height,
    thumbnail_url: o.thumbnail,
    thumbnail_width: 1200,
    thumbnail_height: 630,
  };
}
