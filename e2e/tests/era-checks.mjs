// Checks shared by the era widgets' tests: axe-core in both themes, and no overflow at 360 px.
import { expect } from './fixtures.mjs';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function axeClean(page, selector) {
  await page.evaluate(axeSource);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const result = await page.evaluate(
      // eslint-disable-next-line no-undef
      (sel) => axe.run(sel, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
      selector,
    );
    const violations = result.violations.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
  }
}

export async function fitsPhone(page, figure) {
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await figure.evaluate((f) => f.querySelector('.widget-mount').scrollWidth - f.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

