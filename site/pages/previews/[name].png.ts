/** Build-time link-preview images (PNG, 1200×630): one per widget embed page, one per chapter, one for the site. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { Resvg } from '@resvg/resvg-js';
import { previewSvg } from '../../../lib/embed/preview';
import { WIDGET_TITLES } from '../../../components/widgets/titles';
import { ui } from '../../../components/site/strings';

export async function getStaticPaths() {
  const chapters = await getCollection('chapters');
  return [
    { params: { name: 'site' }, props: { title: ui.siteName, subtitle: ui.tagline } },
    ...Object.entries(WIDGET_TITLES).map(([name, title]) => ({
      params: { name },
      props: { title, subtitle: 'An interactive figure to embed in a course page' },
    })),
    ...chapters.map((c) => ({ params: { name: c.id }, props: { title: c.data.title, subtitle: c.data.summary } })),
  ];
}

export const GET: APIRoute = async ({ props }) => {
  const svg = await previewSvg({ title: String(props.title), subtitle: String(props.subtitle) });
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'sans-serif' } }).render().asPng();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
