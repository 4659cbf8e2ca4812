// Shared fixtures: every page is watched for console errors, uncaught exceptions, failed or
// erroring requests, and requests to any other origin. A test fails if any is seen.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  scriptsBlocked: [false, { option: true }],
  problems: async ({}, use) => {
    const list = [];
    await use(list);
    expect(list, 'console errors, failed or foreign requests').toEqual([]);
  },
  page: async ({ page, baseURL, problems, scriptsBlocked }, use) => {
    // Requests must stay on the origin of the page being visited (the base URL's, or the origin a
    // test navigates to when it runs its own server).
    let origin = new URL(baseURL).origin;
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText;
      if (scriptsBlocked && why === 'csp' && /\.(js|wasm)$/.test(req.url())) return;
      // A navigation cancels requests still in flight (the lazily fetched favicon, usually);
      // real failures show up as HTTP errors below or as other error codes.
      if (why === 'net::ERR_ABORTED') return;
      problems.push(`failed: ${req.url()} ${why}`);
    });
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) origin = url.origin;
      if (url.protocol.startsWith('http') && url.origin !== origin) problems.push(`foreign: ${req.url()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await use(page);
  },
});

export { expect };

// Page object for a lesson page.
export class LessonPage {
  constructor(page) {
    this.page = page;
  }

  async open(slug) {
    await this.page.goto(`lessons/${slug}/`);
  }

  widget(name) {
    return this.page.locator(`figure[data-widget="${name}"]`);
  }

  async waitForWidget(name) {
    const figure = this.widget(name);
    await expect(figure).toHaveAttribute('data-mounted', 'true');
    return figure;
  }
}
