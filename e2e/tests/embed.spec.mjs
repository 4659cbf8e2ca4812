// Embeds: a widget alone on embed/<name>/, parameters from the URL (validated), inside a host
// page's iframe that resizes to the height the embed posts; the Embed button's snippet.
import { test, expect, LessonPage } from './fixtures.mjs';

test('an embed page shows the widget alone and takes valid parameters from the URL', async ({ page }) => {
  await page.goto('embed/quantity/?value=250m');
  const figure = page.locator('figure[data-widget="quantity"]');
  await expect(figure).toHaveAttribute('data-mounted', 'true');
  await expect(figure.locator('.canonical')).toHaveText('250m');
  await expect(page.locator('.sidebar')).toHaveCount(0);
});

test('invalid URL parameters are ignored with a message, never injected', async ({ page }) => {
  await page.goto('embed/quantity/?value=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&bogus=1');
  await expect(page.locator('[data-notices] .notice').first()).toContainText('Ignored');
  await expect(page.locator('figure img')).toHaveCount(0);
  await expect(page.locator('figure[data-widget="quantity"]')).toHaveAttribute('data-mounted', 'true');
});

test('inside an iframe the embed resizes its host frame and works', async ({ page, baseURL }) => {
  const src = new URL('embed/quantity/?value=1Gi', baseURL).href;
  await page.goto('lessons/scheduling/');
  // Build a host page around the embed (same origin here; the snippet works cross-origin too).
  await page.evaluate((src) => {
    document.body.replaceChildren();
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.className = 'metal-to-wasm';
    frame.title = 'Quantity';
    frame.setAttribute('height', '50');
    document.body.append(frame);
    window.__heights = [];
    addEventListener('message', (e) => {
      if (e.data && e.data.type === 'metal-to-wasm:height' && e.source === frame.contentWindow) {
        window.__heights.push(e.data.height);
        frame.setAttribute('height', String(e.data.height));
      }
    });
  }, src);
  const inner = page.frameLocator('iframe.metal-to-wasm');
  await expect(inner.locator('figure[data-widget="quantity"]')).toHaveAttribute('data-mounted', 'true');
  await inner.getByRole('button', { name: '500m' }).click();
  await expect(inner.locator('.canonical')).toHaveText('500m');
  await expect.poll(() => page.evaluate(() => window.__heights.length)).toBeGreaterThan(0);
  const height = await page.evaluate(() => window.__heights.at(-1));
  expect(height).toBeGreaterThan(150);
  await expect(page.locator('iframe.metal-to-wasm')).toHaveAttribute('height', String(height));
});

test('the Embed button reveals a ready iframe snippet', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('scheduling');
  const figure = await lesson.waitForWidget('quantity');
  const button = figure.getByRole('button', { name: 'Embed' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const code = await figure.getByRole('textbox', { name: /Paste this into a web page/ }).inputValue();
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/.*embed\/quantity\/\?value=1\.5Gi" title="How the API server reads a resource quantity"/);
  expect(code).toContain('metal-to-wasm:height');
});
