/** Defines a widget's custom element (sf-<widget>) once per page, however many of the widget the page holds. */
import type { WidgetName } from '../names';

export function defineWidget(widget: WidgetName, element: CustomElementConstructor): void {
  const tag = `sf-${widget}`;
  if (!customElements.get(tag)) customElements.define(tag, element);
}
