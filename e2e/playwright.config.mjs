// Browser tests against the built site, served by `python3 -m http.server` exactly as the
// README tells people to host it. `cargo xtask test` builds both sites and sets the paths;
// Playwright starts and stops the servers. Debian's Chromium is used; nothing is downloaded.
import { defineConfig } from '@playwright/test';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = process.env.DIST_DIR ?? path.join(here, '..', 'dist');
const subpathRoot = process.env.SUBPATH_ROOT ?? path.join(here, '..', 'target', 'e2e-subpath');
const subpath = process.env.SUBPATH ?? '/metal-to-wasm/course/';
const ROOT_PORT = Number(process.env.E2E_ROOT_PORT ?? 8181);
const SUB_PORT = Number(process.env.E2E_SUB_PORT ?? 8182);

const server = (port, dir) => ({
  command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory "${dir}"`,
  url: `http://127.0.0.1:${port}/`,
  reuseExistingServer: false,
  stdout: 'ignore',
  stderr: 'ignore',
});

export default defineConfig({
  testDir: './tests',
  outputDir: '../target/playwright-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` } },
    { name: 'subpath', use: { baseURL: `http://127.0.0.1:${SUB_PORT}${subpath}` } },
  ],
  webServer: [server(ROOT_PORT, dist), server(SUB_PORT, subpathRoot)],
});
