/**
 * The embed builder's page (site/pages/embed/index.astro): a live preview of the chosen widget's embed page (same
 * origin), whose state and height it follows through the host API; the hide choices read from the widget's markup;
 * every snippet regenerated on each change, each with its copy button (or a selected field when copying fails).
 */
import { copyText } from './clipboard';
import { allSnippets, hideChoices, readBuilderQuery } from '../../lib/embed/builder';
import { readEmbedOptions, STATE_MESSAGE, type EmbedOptions, type EmbedTheme } from '../../lib/embed/host-api';
import { SCOREFIELD_RESIZE } from '../../lib/embed/protocols';
import { embedUrl, FALLBACK_HEIGHT, SNIPPET_KINDS } from '../../lib/embed/snippets';
import { WIDGET_NAMES, type WidgetName } from '../widgets/names';
import { WIDGET_TITLES } from '../widgets/titles';

export function startBuilder(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('[data-part="options"]')!;
  const frame = root.querySelector<HTMLIFrameElement>('[data-part="preview"]')!;
  const hideBox = root.querySelector<HTMLElement>('[data-part="hide"]')!;
  const error = root.querySelector<HTMLElement>('[data-part="error"]')!;
  const readout = root.querySelector<HTMLElement>('[data-part="size-readout"]')!;
  const base = new URL(root.dataset.base!, location.origin).toString();
  const start = readBuilderQuery(location.search, WIDGET_NAMES);
  let widget: WidgetName = start.widget;
  let state = start.state;
  let height = FALLBACK_HEIGHT;
  const initialHide = new Set(readEmbedOptions(location.search).options.hide);
  const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as T;
  field<HTMLSelectElement>('widget').value = widget;

  const options = (): EmbedOptions => {
    // The group name is validated by the embed page's own reader, so the builder refuses exactly what the page would.
    const group = readEmbedOptions(new URLSearchParams({ group: field<HTMLInputElement>('group').value }).toString());
    const groupOk = group.notices.length === 0;
    error.hidden = groupOk;
    error.textContent = groupOk ? '' : 'A group name is 1 to 40 letters, digits, - or _; the figure is not in a group until it is fixed.';
    return {
      hide: [...hideBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
      fit: (form.querySelector<HTMLInputElement>('input[name="size"]:checked')?.value ?? 'auto') === 'fit',
      theme: (form.querySelector<HTMLInputElement>('input[name="theme"]:checked')?.value ?? 'auto') as EmbedTheme,
      chrome: field<HTMLInputElement>('chrome').checked,
      group: group.options.group,
    };
  };
  const boxHeight = () => Math.min(2000, Math.max(200, Number(field<HTMLInputElement>('box').value) || 600));

  const render = () => {
    const o = options();
    const h = o.fit ? boxHeight() : height;
    const code = allSnippets({ page: `${base}${widget}/`, title: WIDGET_TITLES[widget], state, options: o, height: h });
    for (const kind of SNIPPET_KINDS) root.querySelector<HTMLTextAreaElement>(`[data-snippet="${kind}"] textarea`)!.value = code[kind];
    readout.textContent = o.fit ? `Fit to a box ${h} px high.` : `Measured height: ${h} px at this width.`;
  };
  const reload = () => {
    const o = options();
    // The preview runs at the real size: auto-height follows the figure, fit shows the box.
    frame.style.height = o.fit ? `${boxHeight()}px` : `${height}px`;
    frame.src = embedUrl(`${base}${widget}/`, state, { ...o, group: null });
    render();
  };
  const fillHideChoices = () => {
    const doc = frame.contentDocument;
    if (!doc) return;
    const names = [...doc.querySelectorAll<HTMLElement>('.widget [data-control]')].map((el) => el.dataset.control!);
    const checked = new Set([...initialHide, ...options().hide]);
    initialHide.clear();
    const legend = hideBox.querySelector('legend')!;
    hideBox.replaceChildren(legend);
    for (const c of hideChoices(names)) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = c.key;
      box.checked = checked.has(c.key);
      label.append(box, ` ${c.label}`);
      hideBox.append(label);
    }
    render();
  };

  frame.addEventListener('load', fillHideChoices);
  addEventListener('message', (e: MessageEvent) => {
    if (e.source !== frame.contentWindow || typeof e.data !== 'object' || e.data === null) return;
    if (e.data.type === SCOREFIELD_RESIZE && Number.isFinite(e.data.height) && e.data.height > 0) {
      height = Math.ceil(e.data.height);
      if (!options().fit) frame.style.height = `${height}px`;
      render();
    } else if (e.data.type === STATE_MESSAGE && typeof e.data.query === 'string') {
      state = e.data.query;
      render();
    }
  });
  form.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.name === 'widget') {
      widget = target.value as WidgetName;
      state = '';
      height = FALLBACK_HEIGHT;
    }
    if (target.name === 'group') render();
    else reload();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  root.addEventListener('click', async (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-copy]');
    if (!button) return;
    const box = button.parentElement!;
    const area = box.querySelector('textarea')!;
    const result = box.querySelector('.copy-result')!;
    result.textContent = (await copyText(area.value, area)) ? 'Copied' : 'Press Ctrl+C (⌘C) to copy the selected code';
  });
  reload();
}
