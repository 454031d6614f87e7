/**
 * Copies text for the embed buttons: the clipboard API, else (inside a cross-origin frame without clipboard permission)
 * the code selected in its field and copied with the selection command; false when neither worked, and the field is
 * left visible and selected for the reader to copy by hand.
 */
export async function copyText(text: string, area: HTMLTextAreaElement): Promise<boolean> {
  area.value = text;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    area.hidden = false;
    area.select();
    return document.execCommand?.('copy') ?? false;
  }
}
