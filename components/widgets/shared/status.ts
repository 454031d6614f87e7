/**
 * A widget's status line in plain words ("Learned network, running in this browser"), with the technical detail
 * (tfjs backend, how it was chosen, a lost WebGL context) behind an "About this model" disclosure under it. One
 * place for every widget's wording; hide=status removes both.
 */
import type { ResolvedDenoiser } from './resolve-denoiser';
import { widgetText } from './strings';

export interface StatusText {
  /** What the reader sees: which model, and any fallback or notice, in plain words. */
  plain: string;
  /** The detail behind "About this model" (absent: no disclosure). */
  about?: string;
}

/** The status of a resolved denoiser: the model's name and notices; the backend only in the detail. */
export function denoiserStatus(shown: Pick<ResolvedDenoiser, 'name' | 'fallback' | 'notice' | 'backend'>): StatusText {
  const plain = [shown.fallback ? widgetText.learnedUnavailable(shown.fallback) : widgetText.modelPlain[shown.name], shown.notice].filter(Boolean).join('. ');
  return { plain, about: shown.backend ? widgetText.aboutBackend(shown.backend) : shown.name === 'exact' ? widgetText.aboutExact : undefined };
}

/** Writes a status into the widget's [data-part="status"] (a plain line, and the disclosure when there is detail). */
export function showStatus(root: HTMLElement, status: StatusText | string): void {
  const box = root.querySelector<HTMLElement>('[data-part="status"]');
  if (!box) return;
  const { plain, about } = typeof status === 'string' ? { plain: status, about: undefined } : status;
  let line = box.querySelector<HTMLElement>('[data-part="status-text"]');
  let details = box.querySelector<HTMLDetailsElement>('[data-part="about"]');
  if (!line) {
    line = document.createElement('span');
    line.dataset.part = 'status-text';
    details = document.createElement('details');
    details.dataset.part = 'about';
    details.className = 'about-model';
    const summary = document.createElement('summary');
    summary.textContent = widgetText.aboutModel;
    details.append(summary, document.createElement('p'));
    box.replaceChildren(line, details);
  }
  line.textContent = plain;
  details!.hidden = !about;
  details!.querySelector('p')!.textContent = about ?? '';
}
