/** Shows the corrections a widget made to its input (URL, messages) in its notice box. */
import type { Notice } from '../../../lib/state/params';
import { limitLines } from '../../../lib/text/limit';
import { widgetText } from './strings';

export function showNotices(box: HTMLElement, notices: readonly Notice[], extra: readonly string[] = []): void {
  const lines = limitLines([...notices.map(formatNotice), ...extra]);
  box.replaceChildren();
  box.hidden = lines.length === 0;
  if (lines.length === 0) return;
  const title = document.createElement('strong');
  title.textContent = widgetText.correctedTitle;
  const list = document.createElement('ul');
  for (const line of lines) {
    const li = document.createElement('li');
    li.textContent = line;
    list.append(li);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn notice-close';
  close.textContent = widgetText.dismiss;
  close.addEventListener('click', () => (box.hidden = true));
  box.append(title, list, close);
}

export function formatNotice(n: Notice): string {
  if (n.used === '') return `“${n.param}”: ${n.reason}`;
  return `${n.param} = “${n.given}” → ${n.used} (${n.reason})`;
}
