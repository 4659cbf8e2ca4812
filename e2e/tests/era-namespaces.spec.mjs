// The namespace explorer: toggles recreate the pod and change what is shared, the console answers
// from the model, kubectl debug attaches to a distroless pod; 360 px; axe in both themes.
import { test, expect, LessonPage } from './fixtures.mjs';
import { axeClean, fitsPhone } from './era-checks.mjs';

test('namespaces: share the process namespace, run commands, debug a distroless pod', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('pods');
  await expect(page.locator('figure[data-widget="namespaces"][data-mounted="true"]')).toHaveCount(2);
  const [sidecar, distroless] = [lesson.widget('namespaces').nth(0), lesson.widget('namespaces').nth(1)];
  const pidRow = sidecar.locator('.ns-table tr', { hasText: 'PID' });
  await expect(pidRow).toHaveClass(/separate/);
  await expect(sidecar.locator('.ns-sources').first()).toContainText('Source:');
  await sidecar.getByLabel('shareProcessNamespace: true').check();
  await expect(pidRow).toHaveClass(/shared/);
  await expect(sidecar.locator('.ns-done')).toContainText('Task complete');
  await expect(sidecar.locator('.ns-view pre').first()).toContainText('/pause');
  await sidecar.getByLabel('hostNetwork: true').check();
  await expect(sidecar.locator('.ns-table tr', { hasText: 'Network' }).locator('.ns-scope').first()).toHaveText("the node's");
  // The console answers from the model.
  await sidecar.locator('.ns-prompt input').fill('hostname');
  await sidecar.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sidecar.locator('.ns-entry').last()).toContainText('hostname');

  const heads = distroless.locator('.ns-table thead th');
  const before = await heads.count();
  await distroless.getByRole('button', { name: /kubectl debug -it web/ }).click();
  await expect(heads).toHaveCount(before + 1);
  const suggest = distroless.locator('.ns-suggest button');
  const n = await suggest.count();
  for (let i = 0; i < n; i++) await suggest.nth(i).click();
  await expect(distroless.locator('.ns-transcript')).toContainText('/app/shop');
  await expect(distroless.locator('.ns-done')).toContainText('Task complete');
  await fitsPhone(page, distroless);
  await axeClean(page, 'figure[data-widget="namespaces"]');
});
