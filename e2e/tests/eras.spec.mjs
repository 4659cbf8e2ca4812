// The overview's era timeline (keyboard tabs) and comparison table (sourced figures).
import { test, expect } from './fixtures.mjs';

test('the era timeline is a keyboard tab list with dated, sourced milestones', async ({ page }) => {
  await page.goto('./');
  const w = page.locator('figure[data-widget="era-timeline"]');
  await expect(w).toHaveAttribute('data-mounted', 'true');
  const tabs = w.getByRole('tab');
  await expect(tabs).toHaveCount(7);
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  const panel = w.getByRole('tabpanel');
  await expect(panel).toContainText('Bare metal');
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(panel).toContainText('CTSS');
  await page.keyboard.press('End');
  await expect(tabs.nth(6)).toBeFocused();
  await expect(panel).toContainText('W3C Recommendation');
  await expect(panel).toContainText('1.17–26.9 µs');
  await expect(panel.locator('.conf-primary').first()).toBeVisible();
  await tabs.nth(3).click();
  await expect(panel).toContainText('docker run, image cached on SSD: about 568 ms');
  await expect(panel.getByRole('link', { name: 'Read the lesson on containers' })).toHaveAttribute('href', /lessons\/containers\/$/);
});

test('the era table shows every era with numbered sources', async ({ page }) => {
  await page.goto('./');
  const w = page.locator('figure[data-widget="era-table"]');
  await expect(w).toHaveAttribute('data-mounted', 'true');
  await expect(w.locator('tbody tr')).toHaveCount(7);
  const containers = w
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'Containers', exact: true }) });
  await expect(containers).toContainText('OCI runtime alone (crun, runc): 17–33 ms');
  await expect(containers).toContainText('5.2–8.6 MB');
  const cite = containers.locator('a.cite').first();
  const target = await cite.getAttribute('href');
  await expect(w.locator(target)).toContainText('containers/crun README');
  await expect(w.locator('.era-sources')).toContainText('estimate');
  // The overview's Markdown table says the same (checked number by number in a unit test).
  await expect(page.locator('.lesson table, main table').first()).toContainText('17–33 ms');
});

test('the overview fits a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./');
  await expect(page.locator('figure[data-widget="era-table"]')).toHaveAttribute('data-mounted', 'true');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
