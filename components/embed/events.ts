/**
 * Widget events a host may want to know about (sampler finished, training finished, model swapped): widgets report
 * them here as a document event; on an embed page, host-channel.ts forwards them to the parent.
 */
import type { EmbedEventName } from '../../lib/embed/host-api';

export const WIDGET_EVENT = 'scorefield:widget-event';

export interface WidgetEventDetail {
  widget: string;
  name: EmbedEventName;
  detail: Record<string, unknown>;
}

export function reportWidgetEvent(widget: string, name: EmbedEventName, detail: Record<string, unknown> = {}): void {
  document.dispatchEvent(new CustomEvent<WidgetEventDetail>(WIDGET_EVENT, { detail: { widget, name, detail } }));
}
