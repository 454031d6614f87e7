import { getCollection } from 'astro:content';
import { figuresOf, type FigureText } from '../../lib/embed/figures';
import { widgetComponents } from '../../components/widgets';

/** Every chapter figure that shows a widget, in reading order (chapter order, then position in the chapter). */
export async function chapterFigures(): Promise<FigureText[]> {
  const entries = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  const names = Object.keys(widgetComponents);
  return entries.flatMap((e) => figuresOf(e.id, e.body ?? '', names));
}

/** The first figure that shows `widget` (the one an embed page describes), if any. */
export async function figureOfWidget(widget: string): Promise<FigureText | undefined> {
  return (await chapterFigures()).find((f) => f.widget === widget);
}
