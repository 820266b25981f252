import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/** The two themes every page is checked and photographed in. */
export const THEMES = ['light', 'dark'] as const;
export type ThemeId = (typeof THEMES)[number];

/** Chooses the app theme the way the user-settings page stores it, before the app loads. */
export async function useTheme(page: Page, theme: ThemeId) {
  await page.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
}

/**
 * Runs axe on the page (or part of it) and fails on any serious or critical
 * violation, listing each with its rule, impact and the first elements hit.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  include?: string,
  exclude: string[] = [],
) {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  if (include) builder = builder.include(include);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = serious.map(
    v =>
      `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map(n => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(report, 'serious or critical accessibility violations').toEqual([]);
}

/**
 * Readability checks in the rendered page: no word in a table header or
 * cell is broken over two lines (breaks after a hyphen are fine, text marked
 * `data-wrap="anywhere"` such as queries may wrap anywhere), and no card's
 * content overflows its card.
 */
export async function expectReadable(page: Page, root: string) {
  const problems = await page.evaluate(selector => {
    const out: string[] = [];
    const scope = document.querySelector(selector);
    if (!scope) return [`${selector} not found`];
    // A word broken mid-word: a single text node word spread over several line boxes.
    for (const cell of Array.from(scope.querySelectorAll('th, td'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // Queries and other long tokens are allowed to wrap anywhere on purpose.
        if (n.parentElement?.closest('[data-wrap="anywhere"]')) continue;
        const text = n.textContent ?? '';
        // A break after a hyphen is a normal line-break opportunity; a break
        // inside a word ("GP Us", "Thresh old") is not.
        const re = /[^\s-]+/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          if (m[0].length < 2) continue;
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const tops = new Set(
            Array.from(range.getClientRects())
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (tops.size > 1) out.push(`word "${m[0]}" broken in a table cell`);
        }
      }
    }
    // Content wider than its card.
    for (const card of Array.from(
      scope.querySelectorAll('.MuiCardContent-root'),
    )) {
      const el = card as HTMLElement;
      if (el.scrollWidth > el.clientWidth + 2) {
        const title = el.parentElement?.querySelector(
          '.MuiCardHeader-title',
        )?.textContent;
        out.push(
          `card "${title ?? '?'}" overflows: ${el.scrollWidth} > ${
            el.clientWidth
          }`,
        );
      }
    }
    return out;
  }, root);
  expect(problems).toEqual([]);
}
