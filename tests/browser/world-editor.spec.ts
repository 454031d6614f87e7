import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support/test';
import { openEmbed, expectQuiet } from './support/widgets';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';
import { ExactDenoiser } from '../../lib/science/exact';
import { makeSchedule } from '../../lib/science/schedule';
import { encodeWorldDoc } from '../../lib/science/world-code';
import { THREE_BLOBS } from './support/worlds';
import { decodeWorldKey } from '../../lib/science/world-key';

/** The world editor: pointer and keyboard edits, undo, the URL round trip, hostile codes, world files, every figure drawing the world. */
const CHAPTER = 'chapters/01-scores-and-bayes/';
const editor = (page: Page) => page.locator('sf-world-editor');
const worldParam = (page: Page) => new URL(page.url()).searchParams.get('world') ?? '';
/** The document in the page's URL (decoded by lib, as the page does). */
const urlDoc = (page: Page) => decodeWorldKey(worldParam(page)).doc;

const mine = THREE_BLOBS;

/** Pixel position (page coordinates) of a data point on the editor's canvas (extent [−3.5, 3.5]²). */
async function pixel(page: Page, x: number, y: number): Promise<[number, number]> {
  const box = (await editor(page).locator('canvas[data-part="canvas"]').boundingBox())!;
  return [box.x + ((x + 3.5) / 7) * box.width, box.y + (1 - (y + 3.5) / 7) * box.height];
}

test('pointer: drag a centre, then the long-axis handle to stretch and turn; undo and redo; the URL follows', async ({ page }) => {
  const log = await openEmbed(page, 'world-editor', `?world=${encodeWorldDoc(mine)}`);
  await expect(page.locator('select[data-key="world"]')).toHaveValue(worldParam(page));
  await expect(page.locator('select[data-key="world"] option[data-yours]')).toHaveText('your world: three blobs');
  // drag the centre of component 0 from (−1.5, 0) to (−1, 1)
  await page.mouse.move(...(await pixel(page, -1.5, 0)));
  await page.mouse.down();
  await page.mouse.move(...(await pixel(page, -1.25, 0.5)), { steps: 3 });
  await page.mouse.move(...(await pixel(page, -1, 1)), { steps: 3 });
  await page.mouse.up();
  await expect.poll(() => urlDoc(page).classes[0]!.components[0]!.x).toBeCloseTo(-1, 1);
  expect(urlDoc(page).classes[0]!.components[0]!.y).toBeCloseTo(1, 1);
  // its major handle sits 2σ = 1 along 20°: drag it to 2 straight up from the centre (σ = 1, angle 90°)
  const c = urlDoc(page).classes[0]!.components[0]!;
  const a = (c.angle * Math.PI) / 180;
  await page.mouse.move(...(await pixel(page, c.x + 2 * c.sx * Math.cos(a), c.y + 2 * c.sx * Math.sin(a))));
  await page.mouse.down();
  await page.mouse.move(...(await pixel(page, c.x, c.y + 2)), { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => urlDoc(page).classes[0]!.components[0]!.angle).toBeCloseTo(90, -0.5);
  expect(urlDoc(page).classes[0]!.components[0]!.sx).toBeCloseTo(1, 1);
  await expect(editor(page).locator('[data-part="selection"]')).toContainText('in class “left”');
  // one undo step per drag, however many moves it made
  await editor(page).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => urlDoc(page).classes[0]!.components[0]!.angle).toBe(20);
  await editor(page).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => urlDoc(page).classes[0]!.components[0]!.x).toBe(-1.5);
  await expect(editor(page).getByRole('button', { name: 'Undo' })).toBeDisabled();
  await editor(page).getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => urlDoc(page).classes[0]!.components[0]!.x).toBeCloseTo(-1, 1);
  expectQuiet(log);
});

test('keyboard: select, move, scale, turn, add, delete, undo; classes added, renamed, reassigned; the URL reloads to the same world', async ({ page }) => {
  const log = await openEmbed(page, 'world-editor', '?world=two-gaussians');
  const canvas = editor(page).locator('canvas[data-part="canvas"]');
  await canvas.focus();
  await page.keyboard.press('n'); // component 0 → 1 (class plus, at (1, 0))
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('+');
  await page.keyboard.press(']');
  await expect.poll(() => worldParam(page)).toMatch(/^w\./);
  await expect.poll(() => urlDoc(page).classes[1]!.components[0]).toEqual({ x: 1.1, y: 0.11, sx: 0.7778, sy: 0.7778, angle: 5, weight: 1000 });
  expect(urlDoc(page).name).toBe('my two-gaussians');
  await page.keyboard.press('a');
  await expect.poll(() => urlDoc(page).classes[1]!.components.length).toBe(2);
  await page.keyboard.press('Delete');
  await expect.poll(() => urlDoc(page).classes[1]!.components.length).toBe(1);
  await page.keyboard.press('Delete'); // the last of its class: refused with the reason
  await expect(editor(page).locator('[data-part="message"]')).toHaveText('class “plus” needs at least one component (remove the class instead)');
  await page.keyboard.press('Control+z');
  await expect.poll(() => urlDoc(page).classes[1]!.components.length).toBe(2);
  // a third class, renamed; the selected component moved into it from the form
  await editor(page).getByRole('button', { name: 'Add class' }).click();
  const name = editor(page).getByRole('textbox', { name: 'name of class 2' });
  await name.fill('third');
  await name.press('Enter');
  await expect.poll(() => urlDoc(page).classes.map((c) => c.name)).toEqual(['minus', 'plus', 'third']);
  await editor(page).locator('[data-part="canvas"]').focus();
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await editor(page).locator('select[data-edit="class"]').selectOption({ label: 'third' });
  await expect.poll(() => urlDoc(page).classes.map((c) => c.components.length)).toEqual([1, 1, 2]);
  const prior = editor(page).getByRole('spinbutton', { name: 'prior weight of class 0 (1–1000)' });
  await prior.fill('250');
  await prior.press('Enter');
  await expect.poll(() => urlDoc(page).classes[0]!.prior).toBe(250);
  // the URL carries the whole world: a reload shows the same one, with no notice
  const url = page.url();
  const before = urlDoc(page);
  await page.reload();
  await expect(editor(page)).toHaveAttribute('data-ready', 'true');
  expect(page.url()).toBe(url);
  expect(urlDoc(page)).toEqual(before);
  await expect(page.locator('[data-part="notices"]')).toBeHidden();
  await expect(editor(page).getByRole('textbox', { name: 'name of class 2' })).toHaveValue('third');
  expectQuiet(log);
});

test('hostile world codes are refused with a notice; the rest of the state is kept; nothing breaks', async ({ page }) => {
  const good = encodeWorldDoc(mine);
  for (const [bad, reason] of [
    [`${good.slice(0, -6)}`, /not a valid world code: .*(ends too early|wrong length)/],
    ['w.<script>alert(1)</script>', /not a valid world code: \(code\): character 1 is not base64url/],
    [`w.${'A'.repeat(3000)}`, /too long \(3002 characters; at most 2400\)/],
    ['w.AQFhAAAC', /not a valid world code/],
    ['../../etc/passwd', /unknown world/],
  ] as const) {
    const log = await openEmbed(page, 'world-editor', `?world=${encodeURIComponent(bad)}&s=3&t=120`);
    const notices = page.locator('[data-part="notices"]');
    await expect(notices).toBeVisible();
    await expect(notices).toContainText(reason);
    // only the world is refused: s and t are taken as given
    await expect(notices.locator('li')).toHaveCount(1);
    await expect(page.locator('select[data-key="world"]')).toHaveValue('two-gaussians');
    await expect(editor(page).locator('[data-part="selection"]')).toContainText('class “minus”');
    expectQuiet(log);
  }
});

test('world files: export downloads the command line’s format; import names the world and draws it; bad files are refused with reasons, the world kept', async ({
  page,
}) => {
  const log = await openEmbed(page, 'world-editor', `?world=${encodeWorldDoc(mine)}`);
  const download = page.waitForEvent('download');
  await editor(page).getByRole('button', { name: 'Export world file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('three-blobs.json');
  const text = readFileSync((await file.path())!, 'utf8');
  const exported = JSON.parse(text);
  expect(Object.keys(exported)).toEqual(['name', 'description', 'classes']);
  expect(exported.classes.map((c: { prior: number }) => c.prior)).toEqual([2 / 3, 1 / 3]);

  const input = editor(page).locator('input[data-part="import"]');
  const kept = worldParam(page);
  const refusals: [string, string, RegExp][] = [
    ['truncated.json', text.slice(0, 40), /Refused truncated\.json: \(file\): invalid JSON/],
    ['typo.json', text.replace('"cov"', '"covariance"'), /Refused typo\.json: classes\[0\]\.components\[0\]\.covariance: unknown key/],
    ['far.json', text.replace('-1.5', '-40'), /Refused far\.json: classes\[0\]\.components\[0\]\.mean\[0\]: must lie in \[−3\.5, 3\.5\], got -40/],
    ['flat.json', JSON.stringify({ ...exported, classes: [exported.classes[0]] }), /Refused flat\.json: classes: a world needs at least 2 classes, got 1/],
    ['huge.json', ' '.repeat(70_000), /Refused huge\.json: 70000 bytes, at most 65536/],
  ];
  for (const [name, body, reason] of refusals) {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await expect(editor(page).locator('[data-part="message"]')).toHaveText(reason);
    expect(worldParam(page)).toBe(kept);
  }
  const renamed = { ...exported, name: 'imported world' };
  await input.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await expect(editor(page).locator('[data-part="message"]')).toHaveText('Imported “imported world” from mine.json.');
  await expect.poll(() => urlDoc(page).name).toBe('imported world');
  // the same world (weights are rescaled so that each class's heaviest is 1000: 700:300 → 1000:429)
  expect(urlDoc(page).classes.map((c) => c.components.map((k) => [k.x, k.y, k.sx, k.sy, k.angle]))).toEqual(
    mine.classes.map((c) => c.components.map((k) => [k.x, k.y, k.sx, k.sy, k.angle])),
  );
  expect(urlDoc(page).classes[1]!.components.map((k) => k.weight)).toEqual([1000, 429]);
  await expect(editor(page).locator('input[data-part="name"]')).toHaveValue('imported world');
  await expect(page.locator('select[data-key="world"] option[data-yours]')).toHaveText('your world: imported world');
  expectQuiet(log);
});

test('chapter 1: the score field draws the edited world, its values are lib’s exact ones; a learned model falls back visibly', async ({ page }) => {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(`${siteUrl(CHAPTER)}?world=${encodeWorldDoc(mine)}#fig-world-editor`);
  await expect(editor(page)).toHaveAttribute('data-ready', 'true');
  const field = page.locator('#fig-world-editor sf-score-field');
  await field.scrollIntoViewIfNeeded();
  await expect(field).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  // no shipped model for the reader's world: said, and the exact field drawn instead
  await expect(field).toContainText('no model is shipped for your world “three blobs”');
  // move component 0 by keyboard; the score field follows
  await editor(page).locator('canvas[data-part="canvas"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => urlDoc(page).classes[0]!.components[0]!.x).toBe(-1.3);
  await expect(field).toHaveAttribute('data-ready', 'true');
  const panel = field.locator('canvas[data-panel="1"]');
  await panel.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const readout = field.locator('[data-part="readout"]');
  await expect(readout).toHaveText(/^At x = \(-0\.\d\d, 0\.00\), t = 300, s = 1:/);
  const text = (await readout.textContent())!;
  const nums = (label: string) => {
    const m = new RegExp(`${label} = \\((-?[\\d.]+), (-?[\\d.]+)\\)`).exec(text)!;
    return [Number(m[1]), Number(m[2])];
  };
  const x = nums('At x');
  const exact = new ExactDenoiser(decodeWorldKey(worldParam(page)).world, makeSchedule('linear'));
  // the readout rounds x to 2 decimals: compare at the arrow-grid point it names, to the readout's precision
  const epsCond = exact.epsCond(Float64Array.from(x), 300, 0);
  const epsUncond = exact.epsUncond(Float64Array.from(x), 300);
  const [cy0, cy1] = nums('ε_y');
  const [cu0, cu1] = nums('ε_∅');
  expect(Math.abs(cy0! - epsCond[0]!)).toBeLessThan(0.02);
  expect(Math.abs(cy1! - epsCond[1]!)).toBeLessThan(0.02);
  expect(Math.abs(cu0! - epsUncond[0]!)).toBeLessThan(0.02);
  expect(Math.abs(cu1! - epsUncond[1]!)).toBeLessThan(0.02);
  // the built-in world of the same select gives other values: the field really draws the reader's world
  const builtin = new ExactDenoiser((await import('../../lib/science/worlds')).getBuiltinWorld('two-gaussians')!, makeSchedule('linear'));
  expect(Math.abs(builtin.epsCond(Float64Array.from(x), 300, 0)[0]! - epsCond[0]!)).toBeGreaterThan(0.05);
  expectQuiet(log);
});

test('the training lab trains a model on the reader’s world and draws its learned field', async ({ page }) => {
  test.setTimeout(300_000);
  const log = await openEmbed(page, 'training-lab', `?world=${encodeWorldDoc(mine)}&trainSteps=100&t=200`, { timeout: 60_000 });
  const lab = page.locator('sf-training-lab');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  await expect(lab).toHaveAttribute('data-learned-drawn', 'true', { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await lab.getByRole('button', { name: /Export/ }).click();
  const weights = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(weights.world.name).toBe('three blobs');
  expect(weights.world.definition.classes.map((c: { name: string }) => c.name)).toEqual(['left', 'right']);
  expectQuiet(log);
});
