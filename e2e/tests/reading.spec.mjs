// The reading experience: search, theme, progress, quizzes, phones and print.
import { test, expect } from './fixtures.mjs';

test('search finds sections as you type and opens them by keyboard', async ({ page }) => {
  await page.goto('lessons/bare-metal/');
  const box = page.getByRole('combobox', { name: 'Search the lessons' });
  // The box comes with the WASM app; a `/` pressed before it exists has nothing to focus.
  await expect(box).toBeVisible();
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await box.pressSequentially('pause cont');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option').first()).toContainText('Pods');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/lessons\/pods\/#/);
});

test('search says so when nothing matches', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('combobox', { name: 'Search the lessons' });
  await box.fill('zzzqqq');
  await expect(page.getByText('No results.')).toBeAttached();
  await box.press('Escape');
  await expect(box).toHaveValue('');
});

test('the theme toggle switches, persists and starts from the system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('lessons/containers/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
});

test('dark system preference applies without a choice', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});

test('visited lessons are marked in the sidebar and survive a reload', async ({ page }) => {
  await page.goto('lessons/pods/');
  await page.goto('lessons/services/');
  const pods = page.locator('.lesson-list a[data-slug="pods"]');
  await expect(pods).toHaveAttribute('data-visited', '');
  await expect(pods).toContainText('(visited)');
  await page.reload();
  await expect(pods).toHaveAttribute('data-visited', '');
});

test('corrupt stored progress is reset with a notice, never fatal', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('mtw-progress', '{"hacked": <script>alert(1)</script>'));
  await page.goto('lessons/pods/');
  await expect(page.locator('[data-notices] .notice')).toContainText('has been reset');
  const stored = await page.evaluate(() => localStorage.getItem('mtw-progress'));
  expect(stored).toBe('mtw-progress/1;v=pods;d=');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('[data-notices] .notice')).toHaveCount(0);
});

test('a quiz grades answers, explains, and records the task', async ({ page }) => {
  await page.goto('lessons/deployments/');
  const quiz = page.locator('figure[data-widget="quiz"]');
  await expect(quiz).toHaveAttribute('data-mounted', 'true');
  const questions = quiz.locator('fieldset.quiz-q');
  const n = await questions.count();
  expect(n).toBeGreaterThan(0);
  // Answer every question with its first option, check, then fix the wrong ones.
  for (let i = 0; i < n; i++) await questions.nth(i).getByRole('radio').first().check();
  await quiz.getByRole('button', { name: 'Check answers' }).click();
  await expect(quiz.locator('.quiz-summary')).not.toBeEmpty();
  const wrong = quiz.locator('.quiz-feedback.wrong');
  const answers = await page.request.get('lessons/deployments/').then((r) => r.text());
  const right = [...answers.matchAll(/<li data-answer="">([^<]+)<\/li>/g)].map((m) => m[1]);
  for (let i = 0; i < n; i++) {
    await questions.nth(i).getByLabel(right[i].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'), { exact: true }).check();
  }
  await quiz.getByRole('button', { name: 'Check answers' }).click();
  await expect(quiz.locator('.quiz-summary')).toContainText('Task complete');
  await expect(wrong).toHaveCount(0);
  const stored = await page.evaluate(() => localStorage.getItem('mtw-progress'));
  expect(stored).toContain('deployments:quiz-1');
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('pages reflow without sideways scrolling', async ({ page }) => {
    for (const url of ['./', 'lessons/scheduling/', 'glossary/']) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
  });
});

test('print hides navigation and keeps the lesson', async ({ page }) => {
  await page.goto('lessons/virtual-machines/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
