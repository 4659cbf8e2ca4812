// Serverless versus always-on: the day's instances, cold-start latency, the monthly bills,
// the break-even task and the limits.
import { test, expect, LessonPage } from './fixtures.mjs';

test('finding the steady break-even completes the task', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('serverless');
  const w = await lesson.waitForWidget('serverless-cost');
  await expect(w.getByLabel('Steady')).toBeChecked();
  await expect(w.locator('.sl-p50')).toHaveText('125 ms');
  await expect(w.locator('.sl-fleet-total')).toHaveText('$70.08');
  const be = Number(await w.locator('.sl-break-even-text').getAttribute('data-break-even-rps'));
  expect(be).toBeGreaterThan(25.6);
  expect(be).toBeLessThan(26.0);
  await expect(w.locator('.task-hint')).toBeVisible();
  // Move the slider by keyboard until the rate is within 5 % of the crossing.
  const slider = w.getByRole('slider', { name: 'Mean request rate' });
  await slider.focus();
  for (let i = 0; i < 120; i++) {
    const text = await w.locator('.sl-rate-value').innerText();
    const rps = Number(text.match(/^([\d.]+) requests\/s/)[1]);
    if (Math.abs(rps / be - 1) <= 0.03) break;
    await slider.press(rps < be ? 'ArrowRight' : 'ArrowLeft');
  }
  await expect(w.locator('.task-done')).toContainText('Task complete');
  const stored = await page.evaluate(() => localStorage.getItem('mtw-progress'));
  expect(stored).toContain('find-break-even');
  // Sourced, dated prices.
  await w.getByText('Prices, figures and their sources').click();
  await expect(w.locator('.sl-sources')).toContainText('SKU 6C86BEPQVG73ZGGR');
  await expect(w.locator('.sl-sources')).toContainText('2025–26');
});

test('idle traffic scales to zero and pays in cold starts; long jobs hit the 15-minute limit', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('serverless');
  const w = await lesson.waitForWidget('serverless-cost');
  await w.getByLabel('Mostly idle').check();
  const slider = w.getByRole('slider', { name: 'Mean request rate' });
  await slider.focus();
  await slider.press('Home');
  await expect(w.locator('.sl-rate-value')).toContainText('0.01 requests/s');
  await expect(w.locator('.sl-day-summary')).toContainText('scaled to zero');
  // Few requests meet a cold start, but the slowest one waited for it.
  const stats = w.locator('.sl-stats dd');
  const warm = await stats.nth(0).innerText();
  expect(await stats.nth(3).innerText()).not.toBe(warm);
  expect(await stats.nth(4).innerText()).not.toBe('0%');
  await expect(w.locator('.cold-tick').first()).toBeAttached();
  await expect(w.locator('.sl-break-even-text')).toContainText('never cross');
  await w.getByLabel('Workload').selectOption({ label: 'Video transcode: two hours per job' });
  await expect(w.locator('.sl-limits')).toContainText('an invocation stops after 15 min');
  await w.getByLabel('Workload').selectOption({ label: 'Chat over a WebSocket: a 30-minute connection' });
  await expect(w.locator('.sl-limits')).toContainText('Each connection stays open 30 min');
});

test('the serverless widget fits a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const lesson = new LessonPage(page);
  await lesson.open('serverless');
  await lesson.waitForWidget('serverless-cost');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
