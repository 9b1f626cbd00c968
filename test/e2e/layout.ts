/**
 * Layout checks and screenshots the user-journey specs share (issue #12's acceptance):
 * - `overlappingText` measures the boxes of every piece of visible text inside an app frame (or the shell page)
 *   and answers the pairs that overlap, so "no overlapping text at 1,280 and 1,440 px" is measured, not eyeballed;
 * - `attachScreens` attaches a screenshot of the current screen in Jira's light and dark theme to the test report.
 */
import { expect, type Frame, type Page, type TestInfo } from '@playwright/test';

export interface TextOverlap {
  a: string;
  b: string;
  /** The overlapping area in CSS pixels. */
  area: number;
}

/**
 * Pairs of visible text runs whose rendered boxes overlap by more than `tolerancePx` in both directions. Text runs
 * are measured per text node with a DOM Range (so a wrapped line is measured as the browser drew it), cut to the
 * boxes of the ancestors that clip their overflow (a run ending in an ellipsis is measured as far as it is drawn);
 * nested elements never count as overlapping their own ancestors. Evaluated in the page as source text:
 * this project's Node typings have no DOM.
 */
export function overlappingText(target: Frame | Page, rootSelector = 'body', tolerancePx = 2): Promise<TextOverlap[]> {
  return target.evaluate<TextOverlap[]>(`(() => {
    const root = document.querySelector(${JSON.stringify(rootSelector)});
    if (!root) throw new Error('No element matches ' + ${JSON.stringify(rootSelector)});
    const runs = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent || '').trim();
      if (!text) continue;
      const el = node.parentElement;
      if (!el) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      // Visually hidden text (screen-reader only) is clipped to a 1px box on purpose.
      if (el.closest('.sd-visually-hidden, .visually-hidden, [aria-hidden="true"] svg')) continue;
      // The content of a closed <details> is not drawn (Chromium keeps its boxes, with content-visibility: hidden).
      const closed = el.closest('details:not([open])');
      if (closed && !el.closest('summary')) continue;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) continue;
      // What an ancestor clips (overflow hidden, an ellipsis) is not drawn: a Range measures the whole run, so its box
      // is cut to every clipping ancestor's box up to the root.
      const clips = [];
      for (let a = el; a && a !== root.parentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') clips.push(a.getBoundingClientRect());
      }
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const whole of Array.from(range.getClientRects())) {
        let left = whole.left, top = whole.top, right = whole.right, bottom = whole.bottom;
        for (const c of clips) {
          left = Math.max(left, c.left); top = Math.max(top, c.top); right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
        }
        const r = { left, top, right, bottom, width: right - left, height: bottom - top };
        if (r.width < 1 || r.height < 1) continue;
        runs.push({ text: text.slice(0, 60), el, r });
      }
    }
    const tol = ${tolerancePx};
    const out = [];
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const a = runs[i], b = runs[j];
        if (a.el === b.el && a.text === b.text) continue; // one node wrapped over lines
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > tol && h > tol) out.push({ a: a.text, b: b.text, area: Math.round(w * h) });
      }
    }
    return out;
  })()`);
}

/** Asserts that nothing overlaps at each of the given window widths (the acceptance widths by default). */
export async function expectNoOverlapAtWidths(
  page: Page,
  measure: () => Promise<TextOverlap[]>,
  widths: readonly number[] = [1280, 1440],
): Promise<void> {
  const before = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: before?.height ?? 900 });
    // Let the frame's resize observers settle before measuring.
    await page.waitForTimeout(300);
    expect(await measure(), `overlapping text at ${width} px`).toEqual([]);
  }
  if (before) await page.setViewportSize(before);
}

/** Switches the shell's theme (the app frames reload in that mode). */
export async function setTheme(page: Page, mode: 'light' | 'dark'): Promise<void> {
  const select = page.getByTestId('theme-switcher');
  if ((await select.inputValue()) !== mode) await select.selectOption(mode);
  await expect(page.locator('html')).toHaveAttribute('data-color-mode', mode);
}

/**
 * Attaches full-page screenshots of the current screen in light and dark to the test report, then leaves the
 * shell in light mode. `ready` waits until the screen has drawn again after the theme switch reloaded it.
 */
export async function attachScreens(page: Page, testInfo: TestInfo, name: string, ready: () => Promise<void>): Promise<void> {
  for (const mode of ['light', 'dark'] as const) {
    await setTheme(page, mode);
    await ready();
    await testInfo.attach(`${name} (${mode})`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  }
  await setTheme(page, 'light');
  await ready();
}
