// Offline and updates. Each test serves its own copy of the built site with its own
// `python3 -m http.server`, so it can really cut the network (stop the server) after the first
// visit, or deploy a "new build" by editing files.
import { test, expect } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = process.env.DIST_DIR ?? path.join(here, '..', '..', 'dist');
const subpathRoot = process.env.SUBPATH_ROOT ?? path.join(here, '..', '..', 'target', 'e2e-subpath');
const subpath = process.env.SUBPATH ?? '/metal-to-wasm/course/';

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function serve(dir) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.status < 500) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

function copySite(from) {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'mtw-site-'));
  fs.cpSync(from, to, { recursive: true });
  return to;
}

async function waitForController(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

const lessonSlugs = fs.readdirSync(path.join(dist, 'lessons')).sort();

// These tests start their own servers for both builds, so one project is enough.
const ownServers = ({}, testInfo) => test.skip(testInfo.project.name !== 'root', 'serves its own copies of both builds');

for (const [label, root, base] of [
  ['at the root', () => dist, '/'],
  ['under a sub-path', () => subpathRoot, subpath],
]) {
  test(`after one visit every page works with the network cut (${label})`, async ({ page, problems }, testInfo) => {
    ownServers({}, testInfo);
    test.setTimeout(120_000);
    const server = await serve(root());
    try {
      await page.goto(`${server.origin}${base}`);
      await waitForController(page);
    } finally {
      server.stop();
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const url of ['', 'glossary/', ...lessonSlugs.map((s) => `lessons/${s}/`)]) {
      await page.goto(`${server.origin}${base}${url}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Every widget the build can mount still mounts: the WASM came from the cache.
      const expected =
        (await page.locator('figure[data-widget]').count()) - (await page.locator('figure[data-widget] .widget-placeholder').count());
      await expect(page.locator('figure[data-widget][data-mounted="true"]')).toHaveCount(expected);
    }
    // Unknown pages fall back to the cached 404 page.
    await page.goto(`${server.origin}${base}no-such-page/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    expect(problems).toEqual([]);
  });
}

test('a new deployment is offered as a reload, then served', async ({ page }, testInfo) => {
  ownServers({}, testInfo);
  test.setTimeout(120_000);
  const dir = copySite(dist);
  const server = await serve(dir);
  try {
    await page.goto(`${server.origin}/lessons/pods/`);
    await waitForController(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pods');
    // Deploy a "new build": a changed page and a new worker version.
    const pods = path.join(dir, 'lessons/pods/index.html');
    fs.writeFileSync(pods, fs.readFileSync(pods, 'utf8').replace('<h1>Pods</h1>', '<h1>Pods (new build)</h1>'));
    fs.appendFileSync(path.join(dir, 'sw.js'), '\n// next build\n');
    await page.reload();
    // Still the old build, from the old cache, until the reader accepts the update.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pods');
    const reload = page.getByRole('button', { name: 'Reload' });
    await expect(reload).toBeVisible({ timeout: 20_000 });
    await reload.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pods (new build)');
    const caches = await page.evaluate(() => caches.keys());
    expect(caches.length).toBe(1);
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the site is installable: manifest, icons and scope', async ({ request }) => {
  const manifest = await (await request.get('manifest.webmanifest')).json();
  expect(manifest.display).toBe('standalone');
  for (const icon of manifest.icons) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
  }
  expect(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png')).toBe(true);
});
