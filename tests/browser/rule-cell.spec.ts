import { test, expect, type Page } from './support/test';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';

/** The rule cell of chapter 8: hostile text runs nothing and is refused; a good rule redraws the field and the sampler and lives in the URL. */
const CHAPTER = 'chapters/08-guidance-beyond-cfg/';

async function open(page: Page, query = '?denoiser=exact') {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(siteUrl(CHAPTER) + query);
  await expect(page.locator('sf-rule-cell')).toHaveAttribute('data-ready', 'true');
  await page.locator('sf-score-field').scrollIntoViewIfNeeded();
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-ready', 'true');
  return { log, dialogs };
}

const editor = (page: Page) => page.locator('sf-rule-cell .cm-content');
const message = (page: Page) => page.locator('sf-rule-cell [data-part="message"]');
const fieldImage = (page: Page) =>
  page
    .locator('sf-score-field canvas[data-panel]')
    .last()
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());

async function typeRule(page: Page, text: string) {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('hostile rules run nothing, freeze nothing, request nothing, and are refused with a reason; the last good rule keeps drawing', async ({ page }) => {
  const { log, dialogs } = await open(page);
  const before = await fieldImage(page);
  const hostile: [string, RegExp][] = [
    ["constructor.constructor('alert(1)')()", /unexpected character “\.”/i],
    ['while(true){}', /unexpected character “\{”|unknown name “while”|expected/i],
    ["fetch('https://example.org/steal')", /unexpected character “'”|unknown function “fetch”/i],
    ['x'.repeat(20000), /20000 characters long; at most 600/],
    ['sqrt(-1) * eps_y', /not a number/],
    ['norm(eps_y)', /must give a vector/],
  ];
  for (const [text, reason] of hostile) {
    const t0 = Date.now();
    await typeRule(page, text);
    await expect(message(page)).toHaveText(reason);
    await expect(message(page)).toContainText('last rule that worked');
    await expect(editor(page)).toHaveAttribute('aria-invalid', 'true');
    expect(await page.evaluate(() => 1 + 1)).toBe(2); // the page answers
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(new URL(page.url()).searchParams.get('rule')).toBeNull(); // the state kept the default rule
  }
  expect(await fieldImage(page)).toBe(before);
  expect(dialogs).toEqual([]);
  expect(log.outsideRequests).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
});

test('a valid rule redraws the field and the sampler, goes into the URL, and comes back from it', async ({ page, browser }) => {
  const { log } = await open(page);
  const before = await fieldImage(page);
  await typeRule(page, 'eps_y');
  await expect(message(page)).toHaveText('Drawing: your own rule.');
  await expect(editor(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => fieldImage(page)).not.toBe(before);
  await expect(page.locator('sf-guided-sampler [data-lane="0"] .lane-title')).toContainText('rule: your own');
  await expect.poll(() => new URL(page.url()).searchParams.get('rule')).toBe('eps_y');
  const withRule = await fieldImage(page);

  const again = await browser.newPage();
  await open(again, `?denoiser=exact&rule=${encodeURIComponent('eps_y')}`);
  await expect(editor(again)).toHaveText('eps_y');
  await expect.poll(() => fieldImage(again)).toBe(withRule);
  await again.close();

  // a preset from the menu, then back to CFG: the field returns to the first picture
  await page.locator('sf-rule-cell select[data-part="preset"]').selectOption('apg');
  await expect(message(page)).toHaveText(/Drawing: APG/);
  await expect.poll(() => new URL(page.url()).searchParams.get('rule')).toContain('proj(');
  await page.getByRole('button', { name: 'Reset to CFG' }).click();
  await expect(message(page)).toHaveText('Drawing: CFG (s form).');
  await expect.poll(() => fieldImage(page)).toBe(before);
  await expect.poll(() => new URL(page.url()).searchParams.get('rule')).toBeNull();
  await page.screenshot({ path: 'artifacts/screenshots/rule-cell.png', fullPage: false });
  expect(log.consoleErrors).toEqual([]);
});

test('a bad rule in the URL is refused with a notice and the default rule is used', async ({ page }) => {
  await open(page, `?denoiser=exact&rule=${encodeURIComponent("constructor.constructor('alert(1)')()")}`);
  await expect(page.locator('sf-rule-cell [data-part="notices"]')).toContainText('unexpected character');
  await expect(editor(page)).toHaveText('eps_u + s * (eps_y - eps_u)');
});

test('an embedded score field takes the rule from its URL (shared and embedded rules)', async ({ page }) => {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  const image = async (query: string) => {
    await page.goto(`${siteUrl('embed/score-field/')}?denoiser=exact${query}`);
    await expect(page.locator('sf-score-field')).toHaveAttribute('data-ready', 'true');
    return page
      .locator('sf-score-field canvas[data-panel]')
      .last()
      .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  };
  const plain = await image('');
  const cfgAsRule = await image(`&rule=${encodeURIComponent('ε_∅ + s * (ε_y - ε_∅)')}`);
  const conditional = await image(`&rule=${encodeURIComponent('eps_y')}`);
  expect(cfgAsRule).toBe(plain); // CFG written as a rule, in the notation's symbols, draws exactly what the built-in formula draws
  expect(conditional).not.toBe(plain);
  expect(log.consoleErrors).toEqual([]);
});
