// Every playground challenge, completed in the browser the way a reader would (the editor, the
// kubectl console, the view's buttons and forms), with a wrong move first where the checker
// refuses one, and still shown as done after a reload (saved in the reader's progress).
import { test, expect, LessonPage } from './fixtures.mjs';

// The simulation runs at "Max" in bounded slices per frame; on a loaded machine a few
// simulated minutes can take a while, so waits on the verdict are generous.
const VERDICT_MS = 120_000;

/** Opens `slug` and returns the playground that carries challenge `id`, mounted and not done. */
async function openChallenge(page, slug, id) {
  await new LessonPage(page).open(slug);
  const widget = page.locator(`figure[data-widget="cluster"][data-challenge="${id}"]`);
  await expect(widget).toHaveAttribute('data-mounted', 'true');
  await expect(widget.locator('.done-before')).toHaveCount(0);
  await expect(status(widget)).not.toHaveClass(/\bdone\b/);
  return widget;
}

/** Seconds on the simulated clock (`mm:ss.d` or `h:mm:ss`). */
function clockSeconds(text) {
  const parts = text.trim().split(':').map(Number);
  return parts.length === 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : parts[0] * 60 + parts[1];
}

function status(widget) {
  return widget.locator('.challenge .status');
}

/** The most recent console entry's output, after running `line`. */
async function kubectl(widget, line) {
  const input = widget.locator('.console-input');
  const entries = widget.locator('.console-log .entry');
  const before = await entries.count();
  await input.fill(line);
  await input.press('Enter');
  // The log keeps its last 60 entries; these tests stay well below that.
  await expect(entries).toHaveCount(before + 1);
  return entries.last();
}

/** Sets the speed to "Max" (the timeline's radio, or the compact controls' cycling button) and plays. */
async function playAtMax(widget) {
  const radios = widget.locator('.time-panel .speeds');
  let play;
  if ((await radios.count()) > 0) {
    await radios.locator('label', { hasText: 'Max' }).click();
    play = widget.locator('.time-panel button.play');
  } else {
    const speed = widget.locator('.mini-controls button', { hasText: /^Speed / });
    for (let i = 0; i < 4 && (await speed.textContent()) !== 'Speed Max'; i++) await speed.click();
    await expect(speed).toHaveText('Speed Max');
    play = widget.locator('.mini-controls button[aria-pressed]');
  }
  if ((await play.getAttribute('aria-pressed')) !== 'true') await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
}

/** Waits for the success state, checks it was saved, reloads, and checks it is still shown. */
async function expectDoneAndKept(page, widget, id) {
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText('Done:');
  await expect(widget.locator('.challenge')).toHaveClass(/\bdone\b/);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mtw-progress'))).toContain(id);
  await page.reload();
  const again = page.locator(`figure[data-widget="cluster"][data-challenge="${id}"]`);
  await expect(again).toHaveAttribute('data-mounted', 'true');
  await expect(again.locator('.done-before')).toHaveText('You completed this before.');
  // Only this challenge: another playground on the same page is still open.
  const others = page.locator(`figure[data-widget="cluster"]:not([data-challenge="${id}"])`);
  for (const other of await others.all()) await expect(other).toHaveAttribute('data-mounted', 'true');
  await expect(others.locator('.done-before')).toHaveCount(0);
}

/** "Start over", then the challenge is open again. */
async function startOver(widget) {
  await widget.locator('.challenge').getByRole('button', { name: 'Start over' }).click();
  await expect(status(widget)).toHaveClass(/\bworking\b/);
}

test('schedule-pending: deleting the Pending pod fails it; a toleration in the editor completes it', async ({ page }) => {
  test.setTimeout(180_000);
  const widget = await openChallenge(page, 'scheduling', 'schedule-pending');
  const pending = widget.locator('.pending-lane .chip');
  await expect(pending).toHaveCount(1, { timeout: 20_000 });

  // The shortcut a reader might try first: delete the stuck pod. The checker forbids it.
  await pending.click();
  await widget.getByRole('button', { name: 'Delete pod' }).click();
  await expect(widget.locator('.action-output')).toContainText('deleted');
  await expect(status(widget)).toHaveClass(/\bfailed\b/, { timeout: 30_000 });
  await expect(status(widget)).toContainText('without deleting anything');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mtw-progress') ?? '')).not.toContain('schedule-pending');

  await startOver(widget);
  await expect(pending).toHaveCount(1, { timeout: 20_000 });
  // The other fix the hints offer: tolerate the GPU node's taint (it has the CPUs to spare).
  const editor = widget.getByLabel('Manifest (YAML)');
  const yaml = await editor.inputValue();
  expect(yaml).toContain('      containers:\n');
  await editor.fill(
    yaml.replace(
      '      containers:\n',
      '      tolerations:\n      - key: nvidia.com/gpu\n        operator: Exists\n        effect: NoSchedule\n      containers:\n',
    ),
  );
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-output')).toContainText('deployment.apps/report configured');
  await playAtMax(widget);
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText(/report-\S+ is bound to gpu-\d+ and running/);
  await expect(pending).toHaveCount(0);
  await expectDoneAndKept(page, widget, 'schedule-pending');
});

test('use-gpu-pool: the pod as written lands on a CPU node; with a GPU limit and a toleration it runs on the GPU pool', async ({ page }) => {
  test.setTimeout(180_000);
  const widget = await openChallenge(page, 'scheduling', 'use-gpu-pool');
  const editor = widget.getByLabel('Manifest (YAML)');
  const job = await editor.inputValue();
  expect(job).toContain('name: train');

  // As written: no GPU request, no toleration, so the scheduler puts it on the CPU pool.
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-output')).toContainText('pod/train created');
  await expect(status(widget)).toContainText(/train runs on node-\d+, a CPU node/, { timeout: 60_000 });
  await expect(status(widget)).toHaveClass(/\bworking\b/);

  // Fix the manifest. A Pod's resources are immutable, so applying over it is refused...
  const fixed = job.replace(
    '    resources:\n      requests:\n        cpu: "1"\n        memory: 2Gi\n',
    '    resources:\n      requests:\n        cpu: "1"\n        memory: 2Gi\n      limits:\n        nvidia.com/gpu: 1\n  tolerations:\n  - key: nvidia.com/gpu\n    operator: Exists\n    effect: NoSchedule\n',
  );
  expect(fixed).not.toBe(job);
  await editor.fill(fixed);
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-output')).toContainText('Forbidden: pod updates may not change fields');
  await expect(status(widget)).not.toHaveClass(/\bdone\b/);

  // ...so delete the misplaced pod from the view, wait for it to go, and apply again.
  const train = widget.locator('.cluster-view .chip[aria-label^="Pod train,"]');
  await train.click();
  await widget.getByRole('button', { name: 'Delete pod' }).click();
  await expect(widget.locator('.action-output')).toContainText('pod "train" deleted');
  await playAtMax(widget);
  await expect(train).toHaveCount(0, { timeout: 60_000 });
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-output')).toContainText('pod/train created');
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText(/train runs on gpu-\d+/);
  await expect(widget.locator('.cluster-view .node[data-node^="gpu-"] .chip[aria-label^="Pod train,"]')).toHaveCount(1);
  await expectDoneAndKept(page, widget, 'use-gpu-pool');
});

test('rollout-one-unavailable: the default budget breaks the limit; maxUnavailable 1 in the editor completes it', async ({ page }) => {
  test.setTimeout(240_000);
  const widget = await openChallenge(page, 'deployments', 'rollout-one-unavailable');
  await playAtMax(widget);
  await expect(status(widget)).toContainText('10 of 10 replicas available', { timeout: 60_000 });

  // From the cluster actions form, with the default 25% budget: ten replicas may drop to eight.
  await widget.locator('.cluster-actions summary').click();
  await widget.getByLabel('New image').fill('nginx:latest');
  await widget.getByRole('button', { name: 'Set image (rolling update)' }).click();
  await expect(widget.locator('.action-output')).toContainText('deployment.apps/web image updated');
  await expect(status(widget)).toHaveClass(/\bfailed\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText('of 10 replicas were available');

  await startOver(widget);
  await playAtMax(widget);
  // Hint 3: wait until all ten are available before applying.
  await expect(status(widget)).toContainText('10 of 10 replicas available', { timeout: 60_000 });
  const editor = widget.getByLabel('Manifest (YAML)');
  const yaml = await editor.inputValue();
  expect(yaml).toContain('maxUnavailable: 25%');
  await editor.fill(yaml.replace('maxUnavailable: 25%', 'maxUnavailable: 1').replace('image: nginx:1.30', 'image: nginx:latest'));
  await widget.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(widget.locator('.editor-output')).toContainText('deployment.apps/web configured');
  await expect(status(widget)).toContainText(/Rolling out nginx:latest|Done:/, { timeout: 30_000 });
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText('All ten replicas run nginx:latest');
  await expectDoneAndKept(page, widget, 'rollout-one-unavailable');
});

test('rollback-bad-image: a missing tag stalls the rollout in the console; rollout undo completes it', async ({ page }) => {
  test.setTimeout(180_000);
  const widget = await openChallenge(page, 'deployments', 'rollback-bad-image');
  await playAtMax(widget);
  await expect(widget.locator('.cluster-view .chip.st-running')).toHaveCount(10, { timeout: 60_000 });

  // Undoing before anything went wrong proves nothing.
  const early = await kubectl(widget, 'kubectl rollout undo deployment/web');
  await expect(early.locator('.err')).toContainText('no rollout history found for deployment "web"');
  await expect(status(widget)).toContainText('Set an image tag that does not exist');

  const set = await kubectl(widget, 'kubectl set image deployment/web web=nginx:9.99');
  await expect(set.locator('.out')).toContainText('deployment.apps/web image updated');
  await expect(status(widget)).toContainText('is stuck', { timeout: VERDICT_MS });
  await expect(status(widget)).not.toHaveClass(/\bdone\b/);
  const pods = await kubectl(widget, 'kubectl get pods');
  await expect(pods.locator('.out')).toContainText(/ErrImagePull|ImagePullBackOff/);

  const undo = await kubectl(widget, 'kubectl rollout undo deployment/web');
  await expect(undo.locator('.out')).toContainText('deployment.apps/web rolled back');
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText('run nginx:1.30 again');
  const history = await kubectl(widget, 'kubectl get deployment web -o wide');
  await expect(history.locator('.out')).toContainText('nginx:1.30');
  await expectDoneAndKept(page, widget, 'rollback-bad-image');
});

test('drain-keep-serving: draining with three replicas drops service; cordon, scale to four, then drain completes it', async ({ page }) => {
  test.setTimeout(240_000);
  const widget = await openChallenge(page, 'services', 'drain-keep-serving');
  await expect(status(widget)).toContainText('3 replicas serving', { timeout: 60_000 });

  // Straight to the drain: node-2's replica is evicted and only two answer until it is back.
  await playAtMax(widget);
  const drain = await kubectl(widget, 'kubectl drain node-2 --ignore-daemonsets');
  await expect(drain.locator('.out')).toContainText('node/node-2 drained');
  await expect(status(widget)).toHaveClass(/\bfailed\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText(/only [0-2] replicas were serving|request to the web Service failed/);

  await startOver(widget);
  await expect(status(widget)).toContainText('3 replicas serving', { timeout: 60_000 });
  const cordon = await kubectl(widget, 'kubectl cordon node-2');
  await expect(cordon.locator('.out')).toContainText('node/node-2 cordoned');
  const scale = await kubectl(widget, 'kubectl scale deployment web --replicas=4');
  await expect(scale.locator('.out')).toContainText('deployment.apps/web scaled');
  await playAtMax(widget);
  await expect(status(widget)).toContainText('4 replicas serving', { timeout: VERDICT_MS });
  // The fourth replica avoided the cordoned node.
  await expect(widget.locator('.cluster-view .node[data-node="node-2"] .chip')).toHaveCount(1);

  // Drain from the view this time: select the node, press its button.
  await widget.locator('.node-name[data-node="node-2"]').click();
  await widget.getByRole('group', { name: 'Actions on node node-2' }).getByRole('button', { name: 'Drain' }).click();
  await expect(widget.locator('.action-output')).toContainText('node/node-2 drained');
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(widget.locator('.challenge .traffic')).toContainText(/, 0 failed\./);
  await expectDoneAndKept(page, widget, 'drain-keep-serving');
});

test('survive-crash: crashing the only replica is downtime; a crash recovered at once proves nothing; scaled to three, web survives a crash', async ({ page }) => {
  test.setTimeout(240_000);
  const widget = await openChallenge(page, 'desired-state', 'survive-crash');
  const running = widget.locator('.cluster-view .node .chip.st-running');
  await expect(running).toHaveCount(1, { timeout: 30_000 });

  const nodeOf = async (chip) => chip.locator('xpath=ancestor::article[1]').getAttribute('data-node');
  const crash = async (node) => {
    await widget.locator(`.node-name[data-node="${node}"]`).click();
    await widget.getByRole('button', { name: 'Crash machine' }).click();
    await expect(widget.locator('.action-output')).toContainText(`node/${node} crashed`);
  };

  // One replica: its node is a single point of failure.
  await crash(await nodeOf(running.first()));
  await expect(status(widget)).toHaveClass(/\bfailed\b/, { timeout: 30_000 });
  await expect(status(widget)).toContainText('no web replica was serving');

  await startOver(widget);
  await expect(running).toHaveCount(1, { timeout: 30_000 });
  // Scale from the cluster actions form (its replicas field starts at 3).
  await widget.locator('.cluster-actions summary').click();
  await widget.getByLabel('Deployment', { exact: true }).selectOption('web');
  const scaleForm = widget.locator('form', { has: page.getByRole('button', { name: 'Scale', exact: true }) });
  await scaleForm.getByLabel('Replicas').fill('3');
  await scaleForm.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(widget.locator('.action-output')).toContainText('deployment.apps/web scaled');
  await playAtMax(widget);
  await expect(running).toHaveCount(3, { timeout: 60_000 });
  await expect(status(widget)).toContainText('3 web replicas running');
  const nodes = new Set(await Promise.all((await running.all()).map(nodeOf)));
  expect(nodes.size, 'the scheduler spreads the replicas').toBeGreaterThan(1);

  // A crash undone before the eviction proves nothing (the pods restart in place): the status
  // says so rather than "down", and the next crash counts. Paused, so the eviction cannot come first.
  const first = await nodeOf(running.first());
  const play = widget.locator('.time-panel button.play');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await crash(first);
  await widget.getByRole('button', { name: 'Recover machine' }).click();
  await expect(widget.locator('.action-output')).toContainText(`node/${first} recovered`);
  await playAtMax(widget);
  await expect(status(widget)).toContainText(`${first} came back before its pods were evicted`, { timeout: 30_000 });
  await expect(status(widget)).toHaveClass(/\bworking\b/);
  await expect(running).toHaveCount(3, { timeout: 60_000 });

  const victim = await nodeOf(widget.locator(`.cluster-view .node:not([data-node="${first}"]) .chip.st-running`).first());
  await crash(victim);
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText(`${victim} crashed, web kept serving`);
  // Replaced only after the node controller's grace period and the 300 s not-ready toleration:
  // the timeline marks when the crash happened.
  const mark = widget.locator('.marks button', { hasText: `node/${victim} crashed` });
  const crashedAt = clockSeconds(await mark.locator('.mark-time').textContent());
  const doneAt = clockSeconds(await widget.locator('.clock-value').textContent());
  expect(doneAt - crashedAt).toBeGreaterThanOrEqual(300);
  await expect(widget.locator(`.cluster-view .node:not([data-node="${victim}"]) .chip.st-running`)).toHaveCount(3);
  await expect(widget.locator('.events')).toContainText('TaintManagerEviction');
  await expectDoneAndKept(page, widget, 'survive-crash');
});

test('fix-arch: the logs show the exec format error; the multi-arch image set from the console completes it', async ({ page }) => {
  test.setTimeout(180_000);
  const widget = await openChallenge(page, 'home-cloud', 'fix-arch');
  await playAtMax(widget);
  await expect(status(widget)).toContainText(/[1-9] in CrashLoopBackOff/, { timeout: VERDICT_MS });

  const nodes = await kubectl(widget, 'kubectl get nodes -L kubernetes.io/arch');
  await expect(nodes.locator('.out')).toContainText('arm64');
  const logs = await kubectl(widget, 'kubectl logs deployment/legacy');
  await expect(logs).toContainText('exec format error');
  // Restarting the pods changes nothing: their replacements pull the same amd64-only image.
  const legacyChips = widget.locator('.cluster-view .chip[aria-label^="Pod legacy-"]');
  const labels = () => legacyChips.evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')));
  const podName = (label) => label.match(/^Pod (\S+),/)[1];
  const before = (await labels()).map(podName);
  expect(before).toHaveLength(3);
  const restart = await kubectl(widget, 'kubectl delete pods -l app=legacy');
  await expect(restart.locator('.out')).toContainText(`pod "${before[0]}" deleted`);
  await expect
    .poll(
      async () => {
        const now = await labels();
        const fresh = now.filter((l) => !before.includes(podName(l)));
        return fresh.length === 3 && fresh.some((l) => l.includes('CrashLoopBackOff'));
      },
      { timeout: VERDICT_MS },
    )
    .toBe(true);
  await expect(status(widget)).not.toHaveClass(/\bdone\b/);

  const set = await kubectl(widget, 'kubectl set image deployment/legacy api=registry.example.com/shop/legacy-api:1.1');
  await expect(set.locator('.out')).toContainText('deployment.apps/legacy image updated');
  await expect(status(widget)).toHaveClass(/\bdone\b/, { timeout: VERDICT_MS });
  await expect(status(widget)).toContainText('All 3 legacy replicas are ready on arm64 nodes');
  const pods = await kubectl(widget, 'kubectl get pods -l app=legacy');
  await expect(pods.locator('.out')).not.toContainText('CrashLoopBackOff');
  await expectDoneAndKept(page, widget, 'fix-arch');
});
