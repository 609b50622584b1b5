// The workbench's parts the tests look at, and the quick input's two kinds of question (an input box, a pick list).
import { clickRow, quickInput } from './harness.mjs';

export const statusBar = (page) => page.locator('#workbench\\.parts\\.statusbar');
export const statusItem = (page, text) => statusBar(page).locator('.statusbar-item', { hasText: text }).first();
/** The first row of the open quick pick that contains `text`. */
export const quickRow = (page, text) => quickInput(page).locator('.monaco-list-row', { hasText: text }).first();

/** Waits for the input whose prompt contains `prompt`, replaces its value with `text` and accepts it. */
export async function answer(page, prompt, text) {
  const widget = quickInput(page);
  await widget.locator('.quick-input-message', { hasText: prompt }).waitFor({ timeout: 30_000 });
  const input = widget.locator('.quick-input-box input');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits for the pick whose placeholder or title contains `placeholderOrTitle`, then clicks the row with `rowText`
 * (or accepts the active row when there is none). */
export async function pick(page, placeholderOrTitle, rowText) {
  const widget = quickInput(page);
  await widget.locator(`input[placeholder*="${placeholderOrTitle}"], .quick-input-title:has-text("${placeholderOrTitle}")`).first().waitFor({ timeout: 60_000 });
  if (rowText) {
    await clickRow(page, widget.locator('.monaco-list-row', { hasText: rowText }).first());
  } else {
    await widget.locator('.quick-input-box input').press('Enter');
  }
}
