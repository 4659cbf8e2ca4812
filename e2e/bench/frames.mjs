// Frame-time benchmark for the cluster playground (issue 5: 200 nodes and 5,000 pods at
// 60 frames/s, p95 ≤ 16.7 ms). Not part of the test suite: timings depend on the machine.
//
//   cargo xtask dist --out target/bench-dist
//   DIST_DIR=$PWD/target/bench-dist node e2e/bench/frames.mjs [--port 8301] [--seconds 10]
//     [--profile 25] [--profile-json out.cpuprofile] [--screenshot end.png]
//
// It serves the build, opens the playground page in headless Chromium, loads the "large"
// preset, lets the view finish building, crashes a node and plays at 60× (so pods move,
// change state and get rescheduled), and records every requestAnimationFrame interval and
// every long task. Prints p50/p95/p99/max frame time and the long tasks, with the machine's
// load average (the numbers mean little on a busy machine).
//
// `--profile N` also records a CPU profile of the measured seconds (which slows the page a
// little) and prints the N functions with the most self time and the N with the most total
// time. WASM functions have readable names only if the module kept its name section: run
// `wasm-opt -g` (or no wasm-opt) on the cluster bundle for that. `--profile-json` also saves
// the profile (DevTools opens it).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(opt('port', 8301));
const seconds = Number(opt('seconds', 10));
const speed = opt('speed', '60×');
const profileJson = opt('profile-json', '');
const screenshot = opt('screenshot', '');
const profileTop = Number(opt('profile', profileJson ? 25 : 0));
const dist = process.env.DIST_DIR ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'dist');

const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], {
  stdio: 'ignore',
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

await waitForServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/playground/`);
  const widget = page.locator('figure[data-widget="cluster"]');
  await widget.locator('[data-mounted="true"], .cluster-widget').first().waitFor();
  await widget.locator('.picker select').selectOption('large');
  await widget.getByRole('button', { name: 'Start' }).click();
  // The view builds its 5,200 elements in bounded slices; wait until every chip is there.
  const t0 = Date.now();
  await page.waitForFunction(() => document.querySelectorAll('.cluster-view .chip').length >= 5000, null, {
    timeout: 120_000,
    polling: 250,
  });
  const buildMs = Date.now() - t0;
  await widget.locator('.node-name').nth(3).click();
  // An action's effect: from the click event until a frame shows the card as crashed
  // (measured in the page; Playwright still does the clicking, as before).
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => {
        if (e.target?.textContent !== 'Crash machine') return;
        const start = performance.now();
        const poll = () => {
          if (document.querySelector('.cluster-view .node.crashed')) window.crashMs = performance.now() - start;
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      },
      { capture: true },
    );
  });
  await widget.getByRole('button', { name: 'Crash machine' }).click();
  await page.waitForFunction(() => window.crashMs !== undefined);
  const crashMs = await page.evaluate(() => window.crashMs);
  await widget.locator('.speeds label', { hasText: speed }).click();
  const play = widget.locator('button.play');
  if ((await play.textContent()) === 'Play') await play.click();

  // The browser's own counters: how much of the time went to script, style and layout.
  const metrics = await page.context().newCDPSession(page);
  await metrics.send('Performance.enable');
  const readMetrics = async () =>
    Object.fromEntries((await metrics.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const metricsBefore = await readMetrics();
  const cdp = profileTop > 0 ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const loadBefore = os.loadavg();
  const result = await page.evaluate(async (ms) => {
    // How settled the cluster is decides how much changes per frame: report it.
    const running = () => document.querySelectorAll('.cluster-view .chip.st-running').length;
    const clockAtStart = document.querySelector('.cluster-widget .clock-value')?.textContent;
    const runningAtStart = running();
    const frames = [];
    const longTasks = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    try {
      obs.observe({ type: 'longtask', buffered: false });
    } catch {}
    await new Promise((resolve) => {
      let last = performance.now();
      const end = last + ms;
      const tick = (t) => {
        frames.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    obs.disconnect();
    const clock = document.querySelector('.cluster-widget .clock-value')?.textContent;
    const chips = document.querySelectorAll('.cluster-view .chip').length;
    const nodes = document.querySelectorAll('.cluster-view .node').length;
    return { frames, longTasks, clock, chips, nodes, clockAtStart, runningAtStart, runningAtEnd: running() };
  }, seconds * 1000);

  const loadAfter = os.loadavg();
  if (screenshot) await page.screenshot({ path: screenshot });
  const metricsAfter = await readMetrics();
  const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
  const sorted = result.frames.slice(1).sort((a, b) => a - b);
  const fmt = (x) => `${x.toFixed(1)} ms`;
  console.log(`cluster playground, preset "large": ${result.nodes} nodes, ${result.chips} pod chips, speed ${speed}`);
  console.log(`initial build of the view: ${buildMs} ms (bounded slices)`);
  console.log(`crash machine: a frame shows it ${crashMs.toFixed(1)} ms after the click`);
  console.log(
    `measured from simulated ${result.clockAtStart} (${result.runningAtStart} pods Running) to ${result.clock} (${result.runningAtEnd} Running)`,
  );
  console.log(`frames: ${sorted.length} in ${seconds} s (${(sorted.length / seconds).toFixed(1)} fps); simulated clock at ${result.clock}`);
  console.log(
    `frame time p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted[sorted.length - 1] ?? NaN)}`,
  );
  // The same figures per half of the window: the first half usually holds the startup
  // storm (thousands of pods being scheduled and started), the second the steady state.
  const frames = result.frames.slice(1);
  const half = (part) => {
    const sums = [];
    let t = 0;
    for (const f of frames) sums.push((t += f));
    const mid = t / 2;
    const picked = frames.filter((_, i) => (part === 0 ? sums[i] <= mid : sums[i] > mid)).sort((a, b) => a - b);
    return `p50 ${fmt(percentile(picked, 50))}  p95 ${fmt(percentile(picked, 95))}  (${picked.length} frames)`;
  };
  console.log(`  first half: ${half(0)}; second half: ${half(1)}`);
  const lt = result.longTasks.sort((a, b) => b - a);
  console.log(`long tasks (> 50 ms): ${lt.length}${lt.length ? `, longest ${fmt(lt[0])}` : ''}`);
  const delta = (k) => metricsAfter[k] - metricsBefore[k];
  const msOf = (k) => `${(delta(k) * 1000).toFixed(0)} ms`;
  console.log(
    `main thread over the ${seconds} s: tasks ${msOf('TaskDuration')}, script ${msOf('ScriptDuration')}, ` +
      `style ${msOf('RecalcStyleDuration')} (${delta('RecalcStyleCount')}×), layout ${msOf('LayoutDuration')} (${delta('LayoutCount')}×)`,
  );
  console.log(`longest tasks: ${lt.slice(0, 8).map((x) => x.toFixed(0)).join(', ') || 'none'} ms`);
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`load average (1/5/15 min) before ${load(loadBefore)}, after ${load(loadAfter)} on ${os.cpus().length} CPUs`);
  if (profile) printProfile(profile, profileTop, seconds * 1000);
  if (profile && profileJson) writeFileSync(profileJson, JSON.stringify(profile));
} finally {
  await browser.close();
  stop();
}

/// Self and total time per function name in a CDP CPU profile.
function printProfile(profile, top, wallMs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const name = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').pop() : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
  };
  const self = new Map();
  const total = new Map();
  // Total time counts a function once per stack, however deep it recurses.
  const walk = (id, onStack) => {
    const n = byId.get(id);
    const key = name(n);
    const mine = selfUs.get(id) ?? 0;
    self.set(key, (self.get(key) ?? 0) + mine);
    let sum = mine;
    const inner = new Set(onStack).add(key);
    for (const c of n.children ?? []) sum += walk(c, inner);
    if (!onStack.has(key)) total.set(key, (total.get(key) ?? 0) + sum);
    return sum;
  };
  walk(profile.nodes[0].id, new Set());
  const show = (title, m) => {
    console.log(`${title} (ms over ${(wallMs / 1000).toFixed(0)} s):`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${(us / 1000).toFixed(0).padStart(7)}  ${k}`);
    }
  };
  show('self time', self);
  show('total time', total);
}
