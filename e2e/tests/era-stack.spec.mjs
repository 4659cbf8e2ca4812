// The stack explorer: mounts in its lessons, traces a request layer by layer, plays a packet
// through several stacks, cites its sources, fits 360 px and passes axe in both themes.
import { test, expect, LessonPage } from './fixtures.mjs';
import { axeClean, fitsPhone } from './era-checks.mjs';

test('stack: trace a file read layer by layer on bare metal, with sources', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lesson = new LessonPage(page);
  await lesson.open('bare-metal');
  const stack = await lesson.waitForWidget('stack');
  await expect(stack.locator('.stack-col')).toHaveCount(1);
  await expect(stack.locator('.stack-counts')).toContainText('A file read crosses 4 layers and 1 kernel');
  // A layer off the path says why.
  await stack.getByRole('button', { name: /Firmware/ }).click();
  await expect(stack.locator('.stack-detail')).toContainText('Not on the path');
  await expect(stack.locator('.stack-detail')).toContainText('Source: UEFI Specification');

  await stack.getByRole('button', { name: 'Trace it yourself' }).click();
  await stack.getByRole('button', { name: /Kernel/ }).click();
  await expect(stack.locator('.stack-message')).toContainText('Not yet');
  for (const layer of [/^Application/, /^Kernel/, /^Device drivers/, /^Hardware/]) {
    await stack.getByRole('button', { name: layer }).click();
  }
  await expect(stack.locator('.stack-message')).toContainText('The read has returned');
  await expect(stack.locator('.stack-done')).toContainText('Task complete');
  expect(await page.evaluate(() => localStorage.getItem('mtw-progress'))).toContain('trace-file-read');
  await fitsPhone(page, stack);
  await axeClean(page, 'figure[data-widget="stack"]');
});

test('stack: a packet through VMs plays step by step and crosses more kernels', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open('virtual-machines');
  const stack = await lesson.waitForWidget('stack');
  await expect(stack.locator('.stack-col')).toHaveCount(3);
  await expect(stack.getByLabel('One network packet')).toBeChecked();
  const bare = stack.locator('.stack-col').nth(0).locator('.stack-counts');
  const type2 = stack.locator('.stack-col').nth(2).locator('.stack-counts');
  await expect(bare).toContainText('1 kernel;');
  await expect(type2).toContainText('2 kernels, through a hypervisor');
  await stack.getByRole('button', { name: 'Play the path' }).click();
  await expect(stack.locator('.stack-layer.active').first()).toBeVisible();
  await expect(stack.locator('.stack-message')).toContainText('Finished', { timeout: 30_000 });
  await stack.getByLabel('One file read').check();
  await expect(bare).toContainText('A file read crosses');
});
