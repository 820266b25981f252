import { expect, Page } from '@playwright/test';

/**
 * Every chart axis label is drawn whole inside its chart: a tick label that
 * sticks out of the SVG is clipped by it ("0500" for 10,500 when the axis is
 * too narrow for the number). Checks the Recharts tick labels under `root`.
 */
export async function expectChartTicksInside(page: Page, root: string) {
  const problems = await page.evaluate(selector => {
    const out: string[] = [];
    const scope = document.querySelector(selector);
    if (!scope) return [`${selector} not found`];
    const ticks = Array.from(
      scope.querySelectorAll('.recharts-cartesian-axis-tick-value'),
    );
    for (const tick of ticks) {
      const svg = tick.closest('svg');
      if (!svg) continue;
      const box = svg.getBoundingClientRect();
      const r = tick.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        const chart = svg.closest('[role="img"]')?.getAttribute('aria-label');
        out.push(
          `tick "${tick.textContent}" of "${
            chart ?? '?'
          }" is clipped: ${Math.round(
            r.left - box.left,
          )} px from the left edge, ${Math.round(
            box.right - r.right,
          )} px from the right edge`,
        );
      }
    }
    return out;
  }, root);
  expect(problems).toEqual([]);
}

/**
 * One number format: in table cells and chips, numbers of four or more
 * digits carry thousands separators ("10,500", never "10500"). Text that is
 * an identifier on purpose (names, times, queries) is left out.
 */
export async function expectGroupedNumbers(page: Page, root: string) {
  const problems = await page.evaluate(selector => {
    const out: string[] = [];
    const scope = document.querySelector(selector);
    if (!scope) return [`${selector} not found`];
    const cells = Array.from(
      scope.querySelectorAll('td, .MuiChip-label, [role="progressbar"]'),
    );
    for (const cell of cells) {
      // Names (links), code and queries are identifiers, not figures.
      const clone = cell.cloneNode(true) as HTMLElement;
      clone
        .querySelectorAll('a, code, pre, time, [data-wrap="anywhere"]')
        .forEach(n => n.remove());
      const text =
        cell.getAttribute('role') === 'progressbar'
          ? cell.getAttribute('aria-label') ?? ''
          : clone.textContent ?? '';
      // Figures stand alone: not part of a name (a-1234), a time (10:45), a date or a version.
      const re = /(^|[\s(])(\d{4,})(?=$|[\s).,%×])/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // A year in a date ("Dec 2, 2026") is not a figure.
        if (/^(19|20)\d\d$/.test(m[2])) continue;
        out.push(`"${m[2]}" without a thousands separator in "${text.trim()}"`);
      }
    }
    return out;
  }, root);
  expect(problems).toEqual([]);
}
