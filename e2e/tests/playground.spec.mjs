// The cluster playground: it mounts in the lessons with its preset, heals a crashed node on
// the upstream timings, keeps kubectl and the picture in agreement, and saves challenges.
import { test, expect, LessonPage } from './fixtures.mjs';

/** Minutes and seconds on the simulated clock (`mm:ss.d` or `h:mm:ss`). */
function clockSeconds(text) {
  const parts = text.trim().split(':').map(Number);
  return parts.length === 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : parts[0] * 60 + parts[1];
}

test('a crashed node at maximum speed: NotReady, evicted after the toleration, replaced elsewhere', async ({ page }) => {
  test.setTimeout(90_000);
  const lesson = new LessonPage(page);
  await lesson.open('desired-state');
  const widget = await lesson.waitForWidget('cluster');
  const running = widget.locator('.cluster-view .node .chip.st-running');
  await expect(running).toHaveCount(1, { timeout: 15_000 });
  const victim = await running.first().locator('xpath=ancestor::article[1]').getAttribute('data-node');

  // Select the node from the keyboard's point of view: its name is a button.
  await widget.locator(`.node-name[data-node="${victim}"]`).click();
  await widget.getByRole('button', { name: 'Crash machine' }).click();
  await expect(widget.locator('.action-output')).toContainText(victim);
  await widget.locator('.speeds label', { hasText: 'Max' }).click();
  const play = widget.locator('button.play');
  if ((await play.textContent()) === 'Play') await play.click();

  const victimCard = widget.locator(`.cluster-view .node[data-node="${victim}"]`);
  await expect(victimCard).toHaveClass(/not-ready/, { timeout: 20_000 });
  const elsewhere = widget.locator(`.cluster-view .node:not([data-node="${victim}"]) .chip.st-running`);
  await expect(elsewhere).toHaveCount(1, { timeout: 30_000 });
  // Not before the node controller's grace period plus the 300 s not-ready toleration.
  const seconds = clockSeconds(await widget.locator('.clock-value').textContent());
  expect(seconds).toBeGreaterThanOrEqual(300);
  await expect(widget.locator('.events')).toContainText('NodeNotReady');
  await expect(widget.locator('.events')).toContainText('TaintManagerEviction');
  // The polite live region announced it.
  await expect(widget.locator('[aria-live="polite"]').first()).not.toBeEmpty();
});

test('every lesson playground mounts with its preset and fits a 360 px screen', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 360, height: 800 });
  const lesson = new LessonPage(page);
  for (const slug of ['kubernetes-architecture', 'desired-state', 'scheduling', 'deployments', 'services', 'home-cloud']) {
    await lesson.open(slug);
    const widgets = page.locator('figure[data-widget="cluster"]');
    const n = await widgets.count();
    expect(n, slug).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const w = widgets.nth(i);
      await expect(w).toHaveAttribute('data-mounted', 'true');
      await expect(w.locator('.cluster-widget')).toBeVisible();
      const overflow = await w.evaluate((f) => f.scrollWidth - f.clientWidth);
      expect(overflow, `${slug} widget ${i} overflows at 360 px`).toBeLessThanOrEqual(1);
    }
  }
});

/** A kubectl table as rows of objects keyed by its header. */
function parseTable(text) {
  const lines = text.split('\n').filter((l) => l.trim());
  const header = lines.shift() ?? '';
  // Column names may hold one space ("NOMINATED NODE"); columns are at least three apart.
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => [m[0], m.index]);
  return lines.map((line) =>
    Object.fromEntries(
      starts.map(([name, start], i) => [name, line.slice(start, i + 1 < starts.length ? starts[i + 1][1] : undefined).trim()]),
    ),
  );
}

test('kubectl get pods -o wide agrees with the cluster view and the table', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('services');
  const widget = await lesson.waitForWidget('cluster');
  await expect(widget.locator('.cluster-view .chip.st-running')).toHaveCount(3, { timeout: 20_000 });
  await widget.getByRole('button', { name: 'Pause' }).click();

  const input = widget.locator('.console-input');
  await input.fill('kubectl get pods -o wide');
  await input.press('Enter');
  const entry = widget.locator('.console-log .entry').last();
  await expect(entry.locator('.out')).toContainText('NOMINATED NODE');
  const rows = parseTable(await entry.locator('.out').textContent());
  expect(rows.length).toBe(3);

  const view = await widget.locator('.cluster-view .node').evaluateAll((nodes) =>
    nodes.flatMap((n) =>
      [...n.querySelectorAll('.chip')].map((c) => {
        const [, name, status] = c.getAttribute('aria-label').match(/^Pod (\S+), (.+)$/);
        return { name, status, node: n.dataset.node };
      }),
    ),
  );
  const fromKubectl = rows.map((r) => ({ name: r.NAME, status: r.STATUS, node: r.NODE })).sort((a, b) => a.name.localeCompare(b.name));
  view.sort((a, b) => a.name.localeCompare(b.name));
  expect(fromKubectl).toEqual(view);
  // The table view (the screen-reader mirror) says the same.
  const table = await widget.locator('.pods-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.children].map((c) => c.textContent.trim());
      return { name: cells[0], status: cells[1], node: cells[2] };
    }),
  );
  expect(table).toEqual(view);

  // History with the arrow keys, completion with Tab, kubectl's own error wording.
  await input.fill('kubectl get pod nope');
  await input.press('Enter');
  await expect(widget.locator('.console-log .entry').last().locator('.err')).toHaveText(
    'Error from server (NotFound): pods "nope" not found',
  );
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get pod nope');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get pods -o wide');
  await input.fill('kubectl desc');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl describe ');
  await expect(input).toBeFocused();
});

test('a malformed manifest shows its error at the right line and applies nothing', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('scheduling');
  const widget = page.locator('figure[data-widget="cluster"]').first();
  await expect(widget).toHaveAttribute('data-mounted', 'true');
  const editor = widget.getByLabel('Manifest (YAML)');
  await editor.fill(
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replica: 3',
      '  selector:',
      '    matchLabels: {app: web}',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: nginx:1.30',
      '',
    ].join('\n'),
  );
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-errors li')).toHaveCount(1);
  await expect(widget.locator('.error-line')).toHaveText('Line 6, column 3');
  await expect(widget.locator('.editor-errors li')).toContainText('unknown field "spec.replica"');
  await expect(widget.locator('.gutter .ln.error')).toHaveText('6');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.locator('.editor-output')).toContainText('nothing was applied');
  // The button takes the cursor to the line.
  await widget.locator('.error-line').click();
  await expect(editor).toBeFocused();

  // A YAML syntax error: the parser's line, marked in the gutter.
  await editor.fill('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n');
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  const first = widget.locator('.error-line').first();
  await expect(first).toHaveText(/^Line \d+, column \d+$/);
  const line = Number((await first.textContent()).match(/^Line (\d+)/)[1]);
  expect(line).toBeGreaterThanOrEqual(4);
  await expect(widget.locator('.gutter .ln.error').first()).toHaveText(String(line));
});

test('the Pending explanation names each reason; the challenge completes and stays done after a reload', async ({ page }) => {
  test.setTimeout(60_000);
  const lesson = new LessonPage(page);
  await lesson.open('scheduling');
  const widget = page.locator('figure[data-widget="cluster"]').first();
  await expect(widget).toHaveAttribute('data-mounted', 'true');
  const pending = widget.locator('.pending-lane .chip');
  await expect(pending).toHaveCount(1, { timeout: 15_000 });
  // Reachable from the keyboard: an unscheduled pod is its own tab stop.
  await pending.focus();
  await page.keyboard.press('Enter');
  const message = widget.locator('.explain .failed-scheduling .message');
  await expect(message).toContainText('0/3 nodes are available');
  await expect(message).toContainText('2 Insufficient cpu');
  await expect(message).toContainText('1 node(s) had untolerated taint');
  const rejected = widget.locator('.explain .attempt tr.rejected');
  await expect(rejected).toHaveCount(3);

  // Lower the request in the editor and apply: the Deployment rolls, nothing is deleted by hand.
  const editor = widget.getByLabel('Manifest (YAML)');
  const yaml = await editor.inputValue();
  expect(yaml).toContain('cpu: "5"');
  await editor.fill(yaml.replace('cpu: "5"', 'cpu: "3"'));
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-output')).toContainText('deployment.apps/report configured');
  await expect(widget.locator('.challenge .status')).toHaveClass(/done/, { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mtw-progress'))).toContain('schedule-pending');

  await page.reload();
  const again = page.locator('figure[data-widget="cluster"]').first();
  await expect(again).toHaveAttribute('data-mounted', 'true');
  await expect(again.locator('.done-before')).toHaveText('You completed this before.');
});

test('a share link replays to the same state in a fresh profile; a damaged one says so and starts fresh', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const lesson = new LessonPage(page);
  await lesson.open('desired-state');
  const widget = await lesson.waitForWidget('cluster');
  await expect(widget.locator('.cluster-view .node .chip.st-running')).toHaveCount(1, { timeout: 15_000 });
  await widget.locator('.node-name[data-node="node-1"]').click();
  await widget.getByRole('button', { name: 'Crash machine' }).click();
  await widget.locator('.speeds label', { hasText: '60×' }).click();
  const play = widget.locator('button.play');
  if ((await play.textContent()) === 'Play') await play.click();
  await expect(widget.locator('.cluster-view .node[data-node="node-1"]')).toHaveClass(/not-ready/, { timeout: 20_000 });
  await play.click();
  await expect(play).toHaveText('Play');
  const clock = await widget.locator('.clock-value').textContent();
  const events = await widget.locator('.events').textContent();
  await widget.getByRole('button', { name: 'Share' }).click();
  const url = await widget.locator('.share-link').inputValue();
  expect(url).toContain('#widget-');
  expect(url.length).toBeLessThan(2000);

  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  const errors = [];
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await other.goto(url);
  const replayed = other.locator('figure[data-widget="cluster"]');
  await expect(replayed).toHaveAttribute('data-mounted', 'true');
  await expect(replayed.locator('.clock-value')).toHaveText(clock, { timeout: 30_000 });
  await expect(replayed.locator('.replaying')).toHaveCount(0);
  await expect(replayed.locator('.events')).toHaveText(events);
  await expect(replayed.locator('.cluster-view .node[data-node="node-1"]')).toHaveClass(/not-ready/);

  // Cut short: a notice, and the scenario from the start.
  await other.goto(url.slice(0, -5));
  await other.reload();
  await expect(other.locator('.notice')).toContainText('This share link could not be opened');
  await expect(other.locator('figure[data-widget="cluster"]')).toHaveAttribute('data-mounted', 'true');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('presenter mode: large type, and the keyboard plays and pauses the simulation', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('kubernetes-architecture');
  const widget = page.locator('figure[data-widget="cluster"]').nth(1);
  await expect(widget).toHaveAttribute('data-mounted', 'true');
  const toggle = widget.getByRole('button', { name: 'Presenter mode' });
  await toggle.click();
  await expect(widget.locator('.cluster-widget')).toHaveClass(/presenter/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const play = widget.locator('button.play');
  const clock = widget.locator('.clock-value');
  await expect(play).toHaveText('Play');
  await page.keyboard.press('k');
  await expect(play).toHaveText('Pause');
  await expect(clock).not.toHaveText('00:00.0');
  await page.keyboard.press('k');
  await expect(play).toHaveText('Play');
});
