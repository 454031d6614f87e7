/** A static oEmbed document per widget embed page (discovered through the page's <link rel="alternate">). */
import type { APIRoute } from 'astro';
import { WIDGET_TITLES } from '../../../components/widgets/titles';
import { withBase } from '../../../components/site/url';
import { oembedDocument } from '../../../lib/embed/oembed';
import { FALLBACK_HEIGHT } from '../../../lib/embed/snippets';

export function getStaticPaths() {
  return Object.entries(WIDGET_TITLES).map(([widget, title]) => ({ params: { widget }, props: { title } }));
}

export const GET: APIRoute = ({ params, props, site }) => {
  const abs = (path: string) => (site ? new URL(path, site).toString() : path);
  const doc = oembedDocument({
    title: String(props.title),
    page: abs(withBase(`embed/${params.widget}/`)),
    thumbnail: abs(withBase(`previews/${params.widget}.png`)),
    providerUrl: abs(withBase('')),
    height: FALLBACK_HEIGHT,
  });
  return new Response(JSON.stringify(doc, null, 2), { headers: { 'Content-Type': 'application/json+oembed' } });
};
