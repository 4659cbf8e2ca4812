// Every page of the built site: text in the HTML before any script, no console errors or
// failed requests (the fixture), every available widget mounted, axe-core clean.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dist = process.env.DIST_DIR ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'dist');
const lessons = fs.readdirSync(path.join(dist, 'lessons')).sort();
// Every page: the root, every top-level page directory (glossary, handouts, instructors,
// playground…) and every lesson. Embeds are covered by embed.spec.mjs.
const topLevel = fs
  .readdirSync(dist, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['assets', 'lessons', 'embed'].includes(d.name))
  .filter((d) => fs.existsSync(path.join(dist, d.name, 'index.html')))
  .map((d) => `${d.name}/`)
  .sort();
const pages = ['', ...topLevel, ...lessons.map((s) => `lessons/${s}/`)];

test('the course has all thirteen lessons', () => {
  expect(lessons.length).toBe(13);
});

for (const url of pages) {
  test(`page /${url} reads before scripts, mounts its widgets and passes axe`, async ({ page, request }) => {
    const html = await (await request.get(url)).text();
    const h1 = html.match(/<h1>([^<]+)<\/h1>/);
    expect(h1, 'a pre-rendered <h1>').toBeTruthy();
    expect(html).toMatch(/<p( class="[a-z-]+")?>[^<]{40,}/);

    await page.goto(url);
    // Available widgets replace their fallback (the playground's bundle arrives later than the
    // main one, so count what is left only once everything has mounted); planned ones keep a
    // marked placeholder.
    const planned = page.locator('figure[data-widget] .widget-placeholder');
    await expect(page.locator('figure[data-widget][data-mounted="true"]')).toHaveCount(
      (html.match(/class="widget-fallback"/g) ?? []).length + (html.match(/data-widget="quiz"/g) ?? []).length,
    );
    expect(await page.locator('figure[data-widget]:has(.widget-fallback)').count()).toBe(0);
    for (const p of await planned.all()) await expect(p).toContainText('coming soon');

    await page.evaluate(axeSource);
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
    );
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
  });
}
