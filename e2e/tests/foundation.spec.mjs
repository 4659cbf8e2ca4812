import { test, expect, LessonPage } from './fixtures.mjs';

test('lesson text is in the HTML before any script runs', async ({ request }) => {
  const res = await request.get('lessons/scheduling/');
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('<h1>Scheduling</h1>');
  expect(html).toContain('What the scheduler counts');
  expect(html).toContain('<table>');
  expect(html).toContain('data-widget="quantity"');
});

test.describe('with JavaScript off', () => {
  // Playwright turns scripts off by blocking them, so the module preloads fail as "csp".
  test.use({ javaScriptEnabled: false, scriptsBlocked: true });

  test('the lesson reads and the widget shows its fallback', async ({ page }) => {
    await page.goto('lessons/scheduling/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scheduling');
    await expect(page.locator('figure[data-widget="quantity"] .widget-fallback')).toBeVisible();
  });
});

test('the sample widget mounts and responds to clicks', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('scheduling');
  const widget = await lesson.waitForWidget('quantity');
  await expect(widget.locator('.widget-fallback')).toHaveCount(0);
  await expect(widget.locator('.canonical')).toHaveText('1536Mi');
  await widget.getByRole('button', { name: '500m' }).click();
  await expect(widget.locator('.canonical')).toHaveText('500m');
  await expect(widget.locator('.millis')).toHaveText('500');
  await widget.getByRole('button', { name: '1.2.3' }).click();
  await expect(widget.locator('.error')).toContainText('Invalid value: "1.2.3"');
  await widget.getByRole('textbox', { name: 'Quantity' }).fill('2Gi');
  await expect(widget.locator('.units')).toHaveText('2147483648');
});

test('home page lists the lessons and links resolve', async ({ page }) => {
  await page.goto('./');
  const link = page.getByRole('link', { name: 'Scheduling' }).first();
  await link.click();
  await expect(page).toHaveURL(/lessons\/scheduling\/$/);
  await expect(page.locator('figure[data-widget="quantity"]')).toHaveAttribute('data-mounted', 'true');
});

test('assets load from this origin under the base path', async ({ page, baseURL }) => {
  const loaded = [];
  page.on('response', (res) => loaded.push(new URL(res.url()).pathname));
  await page.goto('lessons/scheduling/');
  await expect(page.locator('figure[data-widget="quantity"]')).toHaveAttribute('data-mounted', 'true');
  const base = new URL(baseURL).pathname;
  for (const kind of [/cluster-[0-9a-f]+\.wasm$/, /cluster-[0-9a-f]+\.js$/, /style-[0-9a-f]+\.css$/]) {
    const hit = loaded.find((p) => kind.test(p));
    expect(hit, `${kind} was requested`).toBeTruthy();
    expect(hit.startsWith(base)).toBe(true);
  }
  // Browsers fetch the icon lazily, so check the link itself rather than wait for it.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBe(`${base}favicon.svg`);
  expect((await page.request.get(icon)).status()).toBe(200);
});

// Each page loads one bundle of the app, the smallest that holds all its widgets
// (xtask/src/bundles.rs), and every widget on the page still mounts.
for (const [path, bundle] of [
  ['glossary/', 'reading'],
  ['lessons/pods/', 'namespaces'],
  ['', 'eras'],
  ['lessons/bare-metal/', 'machines'],
  ['lessons/scheduling/', 'cluster'],
]) {
  test(`/${path} loads only the ${bundle} bundle and mounts every widget`, async ({ page }) => {
    const wasm = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.endsWith('.wasm')) wasm.push(new URL(req.url()).pathname);
    });
    await page.goto(path);
    await expect(page.getByRole('combobox', { name: 'Search the lessons' })).toBeVisible();
    const figures = page.locator('figure[data-widget]');
    const count = await figures.count();
    for (let i = 0; i < count; i++) {
      await expect(figures.nth(i)).toHaveAttribute('data-mounted', 'true');
    }
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(new RegExp(`/assets/${bundle}-[0-9a-f]+\\.wasm$`));
  });
}
