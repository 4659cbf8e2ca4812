// Server packing: mounts in its lessons, moving an application changes servers and overhead,
// parameters show their sources, the noisy-neighbour task completes; 360 px; axe in both themes.
import { test, expect, LessonPage } from './fixtures.mjs';
import { axeClean, fitsPhone } from './era-checks.mjs';

test('packing: place applications, watch servers and overhead, with sourced parameters', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('virtual-machines');
  const pack = await lesson.waitForWidget('packing');
  const used = pack.locator('.pack-servers-used');
  await expect(used).toContainText('8 (fewest possible:');
  await expect(pack.locator('.pack-goal')).toContainText('Goal: reach the fewest servers');
  await pack.getByRole('button', { name: 'Virtual machines' }).click();
  await expect(pack.locator('.pack-summary')).toContainText('Virtual machines: 8 servers');
  const overhead = await pack.locator('.pack-overhead').textContent();
  // Move the blog next to the wiki: one server fewer, one guest OS fewer.
  await pack.getByLabel('Move blog to').selectOption({ label: 'Server 7' });
  await expect(used).toContainText('7 (fewest possible:');
  await expect(pack.locator('.pack-overhead')).not.toHaveText(overhead);
  await pack.getByText('Parameters and their sources').click();
  await expect(pack.locator('.pack-params')).toContainText('Source:');
  await expect(pack.locator('.pack-params')).toContainText('source range');
  await pack.getByLabel('Guest operating system in each VM').selectOption('windows');
  await expect(pack.locator('.pack-overhead')).not.toHaveText(overhead);
  await fitsPhone(page, pack);
  await axeClean(page, 'figure[data-widget="packing"]');
});

test('packing: moving the noisy job away completes the isolate-noisy task', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('sharing-a-server');
  const pack = await lesson.waitForWidget('packing');
  await expect(pack.locator('.pack-summary')).toContainText('the noisy neighbour takes the rest');
  await expect(pack.locator('.pack-numbers')).toContainText('Operating systems to patch');
  await pack.getByLabel('Move reports to').selectOption({ label: 'Server 8' });
  await expect(pack.locator('.pack-goal.done')).toContainText('Task complete');
  await expect(pack.locator('.pack-summary')).not.toContainText('noisy neighbour');
});
